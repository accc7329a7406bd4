-- pgcraft migration 0001_initial (down)
-- from: 07971645ca995be1063682b604e7b4498ee20486f913b0affc8be6a0e1abdd9e
-- to:   empty
-- hazard PG105 drop-dimension: drops dimension stock_movements (table inventory.stock_movements and what it derives) and its rows
-- hazard PG105 drop-dimension: drops dimension products (table inventory.products and what it derives) and its rows
-- hazard PG105 drop-dimension: drops dimension vendors (table inventory.vendors and what it derives) and its rows
-- hazard PG101 drop-schema: drops schema inventory

-- step 1 of 1: in one transaction
BEGIN;
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '10min';

REVOKE EXECUTE ON FUNCTION inventory.product_count() FROM inventory_reader;

DROP FUNCTION inventory.product_count();

REVOKE SELECT ON TABLE inventory.stock_movements FROM inventory_reader;

REVOKE SELECT ON TABLE inventory.products FROM inventory_reader;

REVOKE SELECT ON TABLE inventory.vendors FROM inventory_reader;

REVOKE USAGE ON SCHEMA inventory FROM inventory_reader;

DO $pgcraft$
BEGIN
    DROP ROLE inventory_reader;
EXCEPTION WHEN dependent_objects_still_exist THEN
    RAISE NOTICE 'role % is still used elsewhere: kept', 'inventory_reader';
END
$pgcraft$;

DROP TABLE inventory.stock_movements;

DROP TABLE inventory.products;

DROP TABLE inventory.vendors;

DROP SCHEMA inventory;
COMMIT;
