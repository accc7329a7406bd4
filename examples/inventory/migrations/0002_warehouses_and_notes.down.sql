-- pgcraft migration 0002_warehouses_and_notes (down)
-- from: a7220ae63688a8afdc1c919be73e96e1fce892de2cb2953c9a701c0d8abc931e
-- to:   0d26d1c23872ae179db98cef8ca70ead277d347c3ed95833e081a4d529916151
-- note: drops table inventory.warehouse and its rows
-- note: drops column inventory.products.notes and its values

REVOKE SELECT ON TABLE inventory.warehouse FROM inventory_reader;

DROP TABLE inventory.warehouse;

DROP INDEX inventory.ix__products__name;

ALTER TABLE inventory.products DROP COLUMN notes;
