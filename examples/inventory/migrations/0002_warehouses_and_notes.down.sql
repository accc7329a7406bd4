-- pgcraft migration 0002_warehouses_and_notes (down)
-- from: 0bdb6dfb49d3111f6b5a2412cc7f27458e19ba30be3eb0caa47f7e6bc8f5ffa4
-- to:   0327f1d308894d92d68cf0c344e51c864dbd36e8b08810b10e6b483c7894342e
-- note: drops table inventory.warehouse and its rows
-- note: drops column inventory.products.notes and its values

REVOKE SELECT ON TABLE inventory.warehouse FROM inventory_reader;

DROP TABLE inventory.warehouse;

DROP INDEX inventory.ix__products__name;

ALTER TABLE inventory.products DROP COLUMN notes;
