CREATE SCHEMA shop;

CREATE FUNCTION shop.pgcraft_forbid_direct_write()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $pgcraft$
BEGIN
    IF pg_trigger_depth() < 2 THEN
        RAISE EXCEPTION 'pgcraft: %.% is written only through its dimension''s views', TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Write to the dimension''s _current view instead.';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$pgcraft$;
COMMENT ON FUNCTION shop.pgcraft_forbid_direct_write() IS 'Stops writes to a dimension''s backing tables that do not come through its views';

CREATE TABLE shop.products (
    id         bigint      NOT NULL GENERATED ALWAYS AS IDENTITY,
    created_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    CONSTRAINT pk__products__id PRIMARY KEY (id)
);
COMMENT ON COLUMN shop.products.created_at IS 'When the entity was created';
COMMENT ON COLUMN shop.products.deleted_at IS 'When the entity was deleted';

CREATE TRIGGER pgcraft_protect
    BEFORE INSERT OR UPDATE OR DELETE ON shop.products
    FOR EACH ROW WHEN (pg_trigger_depth() < 2) EXECUTE FUNCTION shop.pgcraft_forbid_direct_write();

CREATE TABLE shop.products_versions (
    version_id     bigint        NOT NULL GENERATED ALWAYS AS IDENTITY,
    id             bigint        NOT NULL,
    name           text          NOT NULL,
    sku            varchar(32)   NOT NULL,
    price          numeric(10,2) NOT NULL,
    notes          text,
    price_with_tax numeric(12,2) NOT NULL GENERATED ALWAYS AS (price * 1.2) STORED,
    valid_from     timestamptz   NOT NULL DEFAULT clock_timestamp(),
    valid_to       timestamptz,
    CONSTRAINT pk__products_versions__version_id PRIMARY KEY (version_id),
    CONSTRAINT fk__products_versions__id__products FOREIGN KEY (id) REFERENCES shop.products (id),
    CONSTRAINT ck__products_versions__valid_from_valid_to CHECK (valid_to IS NULL OR valid_to >= valid_from),
    CONSTRAINT ck__products_versions__price CHECK (price >= 0)
);
COMMENT ON TABLE shop.products_versions IS 'Every version of shop.products, current while valid_to is NULL';
COMMENT ON COLUMN shop.products_versions.id IS 'The entity this version belongs to';

CREATE UNIQUE INDEX uq__products_versions__id ON shop.products_versions (id) WHERE valid_to IS NULL;

CREATE INDEX ix__products_versions__id_valid_from ON shop.products_versions (id, valid_from);

CREATE VIEW shop.products_current AS
SELECT e.id,
       v.name,
       v.sku,
       v.price,
       v.notes,
       v.price_with_tax,
       e.created_at,
       v.valid_from AS updated_at
FROM shop.products AS e
JOIN shop.products_versions AS v ON v.id = e.id AND v.valid_to IS NULL;
COMMENT ON VIEW shop.products_current IS 'The current state of each live entity of shop.products; write here';

CREATE VIEW shop.products_history AS
SELECT v.version_id,
       v.id,
       v.name,
       v.sku,
       v.price,
       v.notes,
       v.price_with_tax,
       v.valid_from,
       v.valid_to
FROM shop.products_versions AS v;
COMMENT ON VIEW shop.products_history IS 'Every version of shop.products and when it was valid';

CREATE FUNCTION shop.products_as_of(at timestamptz)
    RETURNS SETOF shop.products_history
    LANGUAGE sql
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
DECLARE
    stamp timestamptz := clock_timestamp();
BEGIN
    INSERT INTO shop.products DEFAULT VALUES
        RETURNING id, created_at INTO NEW.id, NEW.created_at;
    INSERT INTO shop.products_versions (id, name, sku, price, notes, valid_from)
        VALUES (NEW.id, NEW.name, NEW.sku, NEW.price, NEW.notes, stamp)
        RETURNING name, sku, price, notes, price_with_tax
        INTO NEW.name, NEW.sku, NEW.price, NEW.notes, NEW.price_with_tax;
    NEW.updated_at := stamp;
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
    stamp timestamptz := clock_timestamp();
    latest shop.products_versions%ROWTYPE;
BEGIN
    IF NEW.id IS DISTINCT FROM OLD.id THEN
        RAISE EXCEPTION 'pgcraft: the key of %.% cannot change', TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'feature_not_supported';
    END IF;
    PERFORM 1 FROM shop.products WHERE id = OLD.id FOR UPDATE;
    SELECT * INTO latest FROM shop.products_versions WHERE id = OLD.id AND valid_to IS NULL;
    IF NOT FOUND THEN
        RETURN NULL;  -- deleted meanwhile
    END IF;
    NEW.name := CASE WHEN NEW.name IS DISTINCT FROM OLD.name THEN NEW.name ELSE latest.name END;
    NEW.sku := CASE WHEN NEW.sku IS DISTINCT FROM OLD.sku THEN NEW.sku ELSE latest.sku END;
    NEW.price := CASE WHEN NEW.price IS DISTINCT FROM OLD.price THEN NEW.price ELSE latest.price END;
    NEW.notes := CASE WHEN NEW.notes IS DISTINCT FROM OLD.notes THEN NEW.notes ELSE latest.notes END;
    NEW.created_at := OLD.created_at;
    IF (NEW.name, NEW.sku, NEW.price, NEW.notes) IS NOT DISTINCT FROM (latest.name, latest.sku, latest.price, latest.notes) THEN
        NEW.price_with_tax := latest.price_with_tax;
        NEW.updated_at := latest.valid_from;
        RETURN NEW;  -- nothing changed: nothing is written
    END IF;
    UPDATE shop.products_versions SET valid_to = stamp WHERE version_id = latest.version_id;
    INSERT INTO shop.products_versions (id, name, sku, price, notes, valid_from)
        VALUES (OLD.id, NEW.name, NEW.sku, NEW.price, NEW.notes, stamp)
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
DECLARE
    stamp timestamptz := clock_timestamp();
BEGIN
    UPDATE shop.products SET deleted_at = stamp WHERE id = OLD.id AND deleted_at IS NULL;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    UPDATE shop.products_versions SET valid_to = stamp WHERE id = OLD.id AND valid_to IS NULL;
    RETURN OLD;
END;
$pgcraft$;
COMMENT ON FUNCTION shop.products_current_delete() IS 'DELETE through shop.products_current';

CREATE TRIGGER products_current_delete
    INSTEAD OF DELETE ON shop.products_current
    FOR EACH ROW EXECUTE FUNCTION shop.products_current_delete();

CREATE UNIQUE INDEX uq__products_versions__sku ON shop.products_versions (sku) WHERE valid_to IS NULL;

CREATE INDEX ix__products_versions__name ON shop.products_versions (lower(name)) WHERE valid_to IS NULL;

CREATE TRIGGER pgcraft_protect
    BEFORE INSERT OR UPDATE OR DELETE ON shop.products_versions
    FOR EACH ROW WHEN (pg_trigger_depth() < 2) EXECUTE FUNCTION shop.pgcraft_forbid_direct_write();
