CREATE SCHEMA inventory;

CREATE TABLE inventory.vendors (
    id      bigint  NOT NULL GENERATED ALWAYS AS IDENTITY,
    name    text    NOT NULL,
    website text,
    active  boolean NOT NULL DEFAULT true,
    CONSTRAINT pk__vendors__id PRIMARY KEY (id)
);
COMMENT ON TABLE inventory.vendors IS 'Companies we buy from';

CREATE TABLE inventory.products (
    id            bigint        NOT NULL GENERATED ALWAYS AS IDENTITY,
    name          text          NOT NULL,
    sku           varchar(32)   NOT NULL,
    price         numeric(10,2) NOT NULL,
    notes         text,
    reorder_level bigint        NOT NULL,
    created_at    timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT pk__products__id PRIMARY KEY (id),
    CONSTRAINT ck__products__reorder_level CHECK (reorder_level BETWEEN 0 AND 4294967295)
);
COMMENT ON COLUMN inventory.products.price IS 'Unit price in EUR';

CREATE TABLE inventory.warehouse (
    id           bigint     NOT NULL GENERATED ALWAYS AS IDENTITY,
    code         varchar(8) NOT NULL,
    city         text       NOT NULL,
    docks        smallint   NOT NULL,
    external_ref uuid       NOT NULL DEFAULT gen_random_uuid(),
    opened_on    date,
    CONSTRAINT pk__warehouse__id PRIMARY KEY (id)
);

CREATE TABLE inventory.stock_movements (
    movement_id uuid        NOT NULL DEFAULT gen_random_uuid(),
    product_id  bigint      NOT NULL,
    quantity    integer     NOT NULL,
    reason      text,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk__stock_movements__movement_id PRIMARY KEY (movement_id)
);

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
GRANT SELECT ON TABLE inventory.warehouse TO inventory_reader;
GRANT SELECT ON TABLE inventory.stock_movements TO inventory_reader;

CREATE FUNCTION inventory.product_count()
    RETURNS bigint
    LANGUAGE sql
AS $pgcraft$
SELECT count(*) FROM inventory.products;
$pgcraft$;
COMMENT ON FUNCTION inventory.product_count() IS 'How many products the catalogue lists';

GRANT EXECUTE ON FUNCTION inventory.product_count() TO inventory_reader;
