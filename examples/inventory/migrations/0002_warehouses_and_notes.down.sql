-- pgcraft migration 0002_warehouses_and_notes (down)
-- from: e4b5d6983481448cf55daed1924aa52004658e92c6ea99ba7388a328433b8788
-- to:   07971645ca995be1063682b604e7b4498ee20486f913b0affc8be6a0e1abdd9e
-- hazard PG601 outside-transaction: drops index inventory.ix__products__name concurrently, outside a transaction
-- hazard PG105 drop-dimension: drops dimension warehouses (table inventory.warehouse and what it derives) and its rows
-- hazard PG103 drop-column: drops column inventory.products.notes and its values

-- step 1 of 2: in one transaction
BEGIN;
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '10min';

REVOKE SELECT ON TABLE inventory.warehouse FROM inventory_reader;

DROP TABLE inventory.warehouse;

ALTER TABLE inventory.products DROP COLUMN notes;
COMMIT;

-- step 2 of 2: outside a transaction
SET lock_timeout = '5s';
SET statement_timeout = '1h';
DROP INDEX CONCURRENTLY IF EXISTS inventory.ix__products__name;
