CREATE SCHEMA shop;

CREATE FUNCTION shop.pgcraft_forbid_direct_write()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $pgcraft$
BEGIN
    RAISE EXCEPTION 'pgcraft: %.% is written only through its dimension''s views', TG_TABLE_SCHEMA, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Write to the dimension''s _current view instead.';
END;
$pgcraft$;
COMMENT ON FUNCTION shop.pgcraft_forbid_direct_write() IS 'Stops writes to a dimension''s backing tables that do not come through its views';

CREATE TABLE shop.products (
    id             bigint        NOT NULL GENERATED ALWAYS AS IDENTITY,
    name           text          NOT NULL,
    sku            varchar(32)   NOT NULL,
    price          numeric(10,2) NOT NULL,
    notes          text,
    price_with_tax numeric(12,2) NOT NULL GENERATED ALWAYS AS (price * 1.2) STORED,
    created_at     timestamptz   NOT NULL DEFAULT now(),
    updated_at     timestamptz   NOT NULL DEFAULT clock_timestamp(),
    deleted_at     timestamptz,
    CONSTRAINT pk__products__id PRIMARY KEY (id),
    CONSTRAINT ck__products__price CHECK (price >= 0)
);
COMMENT ON COLUMN shop.products.created_at IS 'When the entity was created';
COMMENT ON COLUMN shop.products.updated_at IS 'When the current version began';
COMMENT ON COLUMN shop.products.deleted_at IS 'When the entity was deleted';

CREATE VIEW shop.products_current AS
SELECT id,
       name,
       sku,
       price,
       notes,
       price_with_tax,
       created_at,
       updated_at
FROM shop.products
WHERE deleted_at IS NULL;
COMMENT ON VIEW shop.products_current IS 'The current state of each live entity of shop.products; write here';

CREATE UNIQUE INDEX uq__products__sku ON shop.products (sku) WHERE deleted_at IS NULL;

CREATE INDEX ix__products__name ON shop.products (lower(name)) WHERE deleted_at IS NULL;

CREATE TRIGGER pgcraft_protect
    BEFORE INSERT OR UPDATE OR DELETE ON shop.products
    FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION shop.pgcraft_forbid_direct_write();

CREATE TRIGGER pgcraft_protect_truncate
    BEFORE TRUNCATE ON shop.products
    FOR EACH STATEMENT WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION shop.pgcraft_forbid_direct_write();

CREATE TABLE shop.products_versions (
    id             bigint        NOT NULL,
    name           text          NOT NULL,
    sku            varchar(32)   NOT NULL,
    price          numeric(10,2) NOT NULL,
    notes          text,
    price_with_tax numeric(12,2) NOT NULL,
    valid_from     timestamptz   NOT NULL,
    valid_to       timestamptz   NOT NULL,
    CONSTRAINT pk__products_versions__id_valid_from PRIMARY KEY (id, valid_from),
    CONSTRAINT fk__products_versions__id__products FOREIGN KEY (id) REFERENCES shop.products (id),
    CONSTRAINT ck__products_versions__valid_from_valid_to CHECK (valid_to > valid_from)
);
COMMENT ON TABLE shop.products_versions IS 'Every earlier version of shop.products (the current one is in shop.products)';
COMMENT ON COLUMN shop.products_versions.id IS 'The entity this version belongs to';

CREATE VIEW shop.products_history AS
SELECT id,
       name,
       sku,
       price,
       notes,
       price_with_tax,
       valid_from,
       valid_to
FROM shop.products_versions
UNION ALL
SELECT id,
       name,
       sku,
       price,
       notes,
       price_with_tax,
       updated_at,
       deleted_at
FROM shop.products;
COMMENT ON VIEW shop.products_history IS 'Every version of shop.products and when it was valid (valid_to is NULL while current)';

CREATE FUNCTION shop.products_as_of(at timestamptz)
    RETURNS SETOF shop.products_history
    LANGUAGE sql
    STABLE
AS $pgcraft$
SELECT h.*
FROM shop.products_history AS h
WHERE h.valid_from <= at AND (h.valid_to IS NULL OR h.valid_to > at);
$pgcraft$;
COMMENT ON FUNCTION shop.products_as_of(at timestamptz) IS 'The version of each entity that was valid at the given instant';

CREATE FUNCTION shop.products_current_insert()
    RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $pgcraft$
BEGIN
    INSERT INTO shop.products (name, sku, price, notes)
        VALUES (NEW.name, NEW.sku, NEW.price, NEW.notes)
        RETURNING id, name, sku, price, notes, price_with_tax, created_at, updated_at
        INTO NEW.id, NEW.name, NEW.sku, NEW.price, NEW.notes, NEW.price_with_tax, NEW.created_at, NEW.updated_at;
    RETURN NEW;
END;
$pgcraft$;
COMMENT ON FUNCTION shop.products_current_insert() IS 'INSERT through shop.products_current';

CREATE TRIGGER products_current_insert
    INSTEAD OF INSERT ON shop.products_current
    FOR EACH ROW EXECUTE FUNCTION shop.products_current_insert();

CREATE FUNCTION shop.products_current_update()
    RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $pgcraft$
DECLARE
    stamp timestamptz;
    latest shop.products%ROWTYPE;
BEGIN
    IF NEW.id IS DISTINCT FROM OLD.id THEN
        RAISE EXCEPTION 'pgcraft: the key of %.% cannot change', TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'feature_not_supported';
    END IF;
    SELECT * INTO latest FROM shop.products WHERE id = OLD.id AND deleted_at IS NULL FOR UPDATE;
    IF NOT FOUND THEN
        RETURN NULL;  -- deleted meanwhile
    END IF;
    NEW.name := CASE WHEN NEW.name IS DISTINCT FROM OLD.name THEN NEW.name ELSE latest.name END;
    NEW.sku := CASE WHEN NEW.sku IS DISTINCT FROM OLD.sku THEN NEW.sku ELSE latest.sku END;
    NEW.price := CASE WHEN NEW.price IS DISTINCT FROM OLD.price THEN NEW.price ELSE latest.price END;
    NEW.notes := CASE WHEN NEW.notes IS DISTINCT FROM OLD.notes THEN NEW.notes ELSE latest.notes END;
    NEW.created_at := latest.created_at;
    IF (NEW.name, NEW.sku, NEW.price, NEW.notes) IS NOT DISTINCT FROM (latest.name, latest.sku, latest.price, latest.notes) THEN
        NEW.price_with_tax := latest.price_with_tax;
        NEW.updated_at := latest.updated_at;
        RETURN NEW;  -- nothing changed: nothing is written
    END IF;
    -- Versions follow each other even if the clock steps back.
    stamp := greatest(clock_timestamp(), latest.updated_at + interval '1 microsecond');
    INSERT INTO shop.products_versions (id, name, sku, price, notes, price_with_tax, valid_from, valid_to)
        VALUES (latest.id, latest.name, latest.sku, latest.price, latest.notes, latest.price_with_tax, latest.updated_at, stamp);
    UPDATE shop.products SET name = NEW.name, sku = NEW.sku, price = NEW.price, notes = NEW.notes, updated_at = stamp
        WHERE id = OLD.id
        RETURNING name, sku, price, notes, price_with_tax
        INTO NEW.name, NEW.sku, NEW.price, NEW.notes, NEW.price_with_tax;
    NEW.updated_at := stamp;
    RETURN NEW;
END;
$pgcraft$;
COMMENT ON FUNCTION shop.products_current_update() IS 'UPDATE through shop.products_current';

CREATE TRIGGER products_current_update
    INSTEAD OF UPDATE ON shop.products_current
    FOR EACH ROW EXECUTE FUNCTION shop.products_current_update();

CREATE FUNCTION shop.products_current_delete()
    RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $pgcraft$
BEGIN
    UPDATE shop.products SET deleted_at = greatest(clock_timestamp(), updated_at + interval '1 microsecond')
        WHERE id = OLD.id AND deleted_at IS NULL;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    RETURN OLD;
END;
$pgcraft$;
COMMENT ON FUNCTION shop.products_current_delete() IS 'DELETE through shop.products_current';

CREATE TRIGGER products_current_delete
    INSTEAD OF DELETE ON shop.products_current
    FOR EACH ROW EXECUTE FUNCTION shop.products_current_delete();

CREATE TRIGGER pgcraft_protect
    BEFORE INSERT OR UPDATE OR DELETE ON shop.products_versions
    FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION shop.pgcraft_forbid_direct_write();

CREATE TRIGGER pgcraft_protect_truncate
    BEFORE TRUNCATE ON shop.products_versions
    FOR EACH STATEMENT WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION shop.pgcraft_forbid_direct_write();
