-- pgcraft migration 0002_warehouses_and_notes (up)
-- from: 07971645ca995be1063682b604e7b4498ee20486f913b0affc8be6a0e1abdd9e
-- to:   e4b5d6983481448cf55daed1924aa52004658e92c6ea99ba7388a328433b8788
-- hazard PG601 outside-transaction: builds index inventory.ix__products__name concurrently, outside a transaction

-- step 1 of 3: in one transaction
BEGIN;
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '10min';

ALTER TABLE inventory.products ADD COLUMN notes text;

CREATE TABLE inventory.warehouse (
    id           bigint     NOT NULL GENERATED ALWAYS AS IDENTITY,
    code         varchar(8) NOT NULL,
    city         text       NOT NULL,
    docks        smallint   NOT NULL,
    external_ref uuid       NOT NULL DEFAULT gen_random_uuid(),
    opened_on    date,
    CONSTRAINT pk__warehouse__id PRIMARY KEY (id),
    CONSTRAINT uq__warehouse__code UNIQUE (code)
);

GRANT SELECT ON TABLE inventory.warehouse TO inventory_reader;
COMMIT;

-- step 2 of 3: outside a transaction
SET lock_timeout = '5s';
SET statement_timeout = '1h';
DROP INDEX CONCURRENTLY IF EXISTS inventory.ix__products__name;

-- step 3 of 3: outside a transaction
SET lock_timeout = '5s';
SET statement_timeout = '1h';
CREATE INDEX CONCURRENTLY IF NOT EXISTS ix__products__name ON inventory.products (lower(name));
