-- pgcraft migration 0002_warehouses_and_notes (up)
-- from: 0d26d1c23872ae179db98cef8ca70ead277d347c3ed95833e081a4d529916151
-- to:   a7220ae63688a8afdc1c919be73e96e1fce892de2cb2953c9a701c0d8abc931e

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
