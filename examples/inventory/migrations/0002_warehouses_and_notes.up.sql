-- pgcraft migration 0002_warehouses_and_notes (up)
-- from: 0327f1d308894d92d68cf0c344e51c864dbd36e8b08810b10e6b483c7894342e
-- to:   0bdb6dfb49d3111f6b5a2412cc7f27458e19ba30be3eb0caa47f7e6bc8f5ffa4

CREATE INDEX ix__products__name ON inventory.products (lower(name));

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
