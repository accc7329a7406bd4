-- pgcraft migration 0001_initial (up)
-- from: empty
-- to:   07971645ca995be1063682b604e7b4498ee20486f913b0affc8be6a0e1abdd9e

-- step 1 of 1: in one transaction
BEGIN;
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '10min';

CREATE SCHEMA inventory;

CREATE TABLE inventory.vendors (
    id      bigint  NOT NULL GENERATED ALWAYS AS IDENTITY,
    name    text    NOT NULL,
    website text,
    active  boolean NOT NULL DEFAULT true,
    CONSTRAINT pk__vendors__id PRIMARY KEY (id)
);
COMMENT ON TABLE inventory.vendors IS 'Companies we buy from';

CREATE UNIQUE INDEX uq__vendors__name ON inventory.vendors (lower(name)) WHERE active;

CREATE TABLE inventory.products (
    id            bigint        NOT NULL GENERATED ALWAYS AS IDENTITY,
    vendor_id     bigint        NOT NULL,
    name          text          NOT NULL,
    sku           varchar(32)   NOT NULL,
    price         numeric(10,2) NOT NULL,
    reorder_level bigint        NOT NULL,
    created_at    timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT pk__products__id PRIMARY KEY (id),
    CONSTRAINT ck__products__reorder_level CHECK (reorder_level BETWEEN 0 AND 4294967295),
    CONSTRAINT ck__products__price CHECK (price >= 0),
    CONSTRAINT uq__products__sku UNIQUE (sku),
    CONSTRAINT fk__products__vendor_id__vendors FOREIGN KEY (vendor_id) REFERENCES inventory.vendors (id) ON DELETE RESTRICT
);
COMMENT ON COLUMN inventory.products.price IS 'Unit price in EUR';

CREATE INDEX ix__products__vendor_id ON inventory.products (vendor_id);

CREATE TABLE inventory.stock_movements (
    movement_id uuid          NOT NULL DEFAULT gen_random_uuid(),
    product_id  bigint        NOT NULL,
    quantity    integer       NOT NULL,
    unit_cost   numeric(10,2) NOT NULL,
    total_cost  numeric(14,2) NOT NULL GENERATED ALWAYS AS (quantity * unit_cost) STORED,
    reason      text,
    recorded_at timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT pk__stock_movements__movement_id PRIMARY KEY (movement_id),
    CONSTRAINT quantity_not_zero CHECK (quantity <> 0),
    CONSTRAINT fk__stock_movements__product_id__products FOREIGN KEY (product_id) REFERENCES inventory.products (id)
);

CREATE INDEX ix__stock_movements__product_id ON inventory.stock_movements (product_id);

DO $pgcraft$
BEGIN
    CREATE ROLE inventory_reader NOLOGIN;
EXCEPTION WHEN duplicate_object THEN
    NULL;
END
$pgcraft$;

GRANT USAGE ON SCHEMA inventory TO inventory_reader;
GRANT SELECT ON TABLE inventory.vendors TO inventory_reader;
GRANT SELECT ON TABLE inventory.products TO inventory_reader;
GRANT SELECT ON TABLE inventory.stock_movements TO inventory_reader;

CREATE FUNCTION inventory.product_count()
    RETURNS bigint
    LANGUAGE sql
AS $pgcraft$
SELECT count(*) FROM inventory.products;
$pgcraft$;
COMMENT ON FUNCTION inventory.product_count() IS 'How many products the catalogue lists';

GRANT EXECUTE ON FUNCTION inventory.product_count() TO inventory_reader;
COMMIT;
