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
