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

CREATE TABLE shop.settings (
    setting_id uuid        NOT NULL DEFAULT gen_random_uuid(),
    created_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    CONSTRAINT pk__settings__setting_id PRIMARY KEY (setting_id)
);
COMMENT ON COLUMN shop.settings.created_at IS 'When the entity was created';
COMMENT ON COLUMN shop.settings.deleted_at IS 'When the entity was deleted';

CREATE TRIGGER pgcraft_protect
    BEFORE INSERT OR UPDATE OR DELETE ON shop.settings
    FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION shop.pgcraft_forbid_direct_write();

CREATE TRIGGER pgcraft_protect_truncate
    BEFORE TRUNCATE ON shop.settings
    FOR EACH STATEMENT WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION shop.pgcraft_forbid_direct_write();

CREATE TABLE shop.settings_attributes (
    value_id         bigint      NOT NULL GENERATED ALWAYS AS IDENTITY,
    setting_id       uuid        NOT NULL,
    attribute        text        NOT NULL,
    varchar_20_value varchar(20),
    varchar_8_value  varchar(8),
    integer_value    integer,
    boolean_value    boolean,
    valid_from       timestamptz NOT NULL DEFAULT clock_timestamp(),
    valid_to         timestamptz,
    CONSTRAINT pk__settings_attributes__value_id PRIMARY KEY (value_id),
    CONSTRAINT fk__settings_attributes__setting_id__settings FOREIGN KEY (setting_id) REFERENCES shop.settings (setting_id),
    CONSTRAINT ck__settings_attributes__one_value CHECK (num_nonnulls(varchar_20_value, varchar_8_value, integer_value, boolean_value) <= 1),
    CONSTRAINT ck__settings_attributes__valid_from_valid_to CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
COMMENT ON TABLE shop.settings_attributes IS 'The attribute values of shop.settings, current while valid_to is NULL';
COMMENT ON COLUMN shop.settings_attributes.setting_id IS 'The entity the value belongs to';
COMMENT ON COLUMN shop.settings_attributes.attribute IS 'The attribute''s name';
COMMENT ON COLUMN shop.settings_attributes.varchar_20_value IS 'Values of: label; required: label';
COMMENT ON COLUMN shop.settings_attributes.varchar_8_value IS 'Values of: code; required: code';
COMMENT ON COLUMN shop.settings_attributes.integer_value IS 'Values of: max_items; required: max_items';
COMMENT ON COLUMN shop.settings_attributes.boolean_value IS 'Values of: enabled';

CREATE UNIQUE INDEX uq__settings_attributes__setting_id_attribute ON shop.settings_attributes (setting_id, attribute) WHERE valid_to IS NULL;

CREATE VIEW shop.settings_current AS
SELECT e.setting_id,
       v.label,
       v.code,
       v.max_items,
       v.enabled,
       e.created_at,
       coalesce(v.updated_at, e.created_at) AS updated_at
FROM shop.settings AS e
CROSS JOIN LATERAL (
       SELECT
              (array_agg(a.varchar_20_value) FILTER (WHERE a.attribute = 'label'))[1]::varchar(20) AS label,
              (array_agg(a.varchar_8_value) FILTER (WHERE a.attribute = 'code'))[1]::varchar(8) AS code,
              (array_agg(a.integer_value) FILTER (WHERE a.attribute = 'max_items'))[1]::integer AS max_items,
              (array_agg(a.boolean_value) FILTER (WHERE a.attribute = 'enabled'))[1]::boolean AS enabled,
              max(a.valid_from) AS updated_at
       FROM shop.settings_attributes AS a
       WHERE a.setting_id = e.setting_id AND a.valid_to IS NULL) AS v
WHERE e.deleted_at IS NULL;
COMMENT ON VIEW shop.settings_current IS 'The current attributes of each live entity of shop.settings; write here';

CREATE VIEW shop.settings_history AS
SELECT a.value_id,
       a.setting_id,
       a.attribute,
       CASE a.attribute WHEN 'label' THEN a.varchar_20_value::text WHEN 'code' THEN a.varchar_8_value::text WHEN 'max_items' THEN a.integer_value::text WHEN 'enabled' THEN a.boolean_value::text END AS value,
       a.valid_from,
       a.valid_to
FROM shop.settings_attributes AS a;
COMMENT ON VIEW shop.settings_history IS 'Every attribute value of shop.settings (as text) and when it held';

CREATE FUNCTION shop.settings_current_insert()
    RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $pgcraft$
DECLARE
    stamp timestamptz := clock_timestamp();
BEGIN
    INSERT INTO shop.settings DEFAULT VALUES
        RETURNING setting_id, created_at INTO NEW.setting_id, NEW.created_at;
    NEW.updated_at := stamp;
    IF NEW.label IS NULL THEN
        RAISE EXCEPTION 'null value in column "%" of %.% violates not-null constraint', 'label', TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'not_null_violation', COLUMN = 'label';
    END IF;
    IF NEW.code IS NULL THEN
        RAISE EXCEPTION 'null value in column "%" of %.% violates not-null constraint', 'code', TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'not_null_violation', COLUMN = 'code';
    END IF;
    IF NEW.max_items IS NULL THEN
        RAISE EXCEPTION 'null value in column "%" of %.% violates not-null constraint', 'max_items', TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'not_null_violation', COLUMN = 'max_items';
    END IF;
    IF NOT (NEW.max_items > 0) THEN
        RAISE EXCEPTION 'new row for %.% violates check constraint "%"', TG_TABLE_SCHEMA, TG_TABLE_NAME, 'ck__settings__max_items'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck__settings__max_items';
    END IF;
    INSERT INTO shop.settings_attributes (setting_id, attribute, varchar_20_value, varchar_8_value, integer_value, boolean_value, valid_from)
        VALUES (NEW.setting_id, 'label', NEW.label, NULL, NULL, NULL, stamp),
               (NEW.setting_id, 'code', NULL, NEW.code, NULL, NULL, stamp),
               (NEW.setting_id, 'max_items', NULL, NULL, NEW.max_items, NULL, stamp),
               (NEW.setting_id, 'enabled', NULL, NULL, NULL, NEW.enabled, stamp);
    RETURN NEW;
END;
$pgcraft$;
COMMENT ON FUNCTION shop.settings_current_insert() IS 'INSERT through shop.settings_current';

CREATE TRIGGER settings_current_insert
    INSTEAD OF INSERT ON shop.settings_current
    FOR EACH ROW EXECUTE FUNCTION shop.settings_current_insert();

CREATE FUNCTION shop.settings_current_update()
    RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $pgcraft$
DECLARE
    stamp timestamptz;
    newest timestamptz;
    latest shop.settings_current%ROWTYPE;
    changed boolean := false;
BEGIN
    IF NEW.setting_id IS DISTINCT FROM OLD.setting_id THEN
        RAISE EXCEPTION 'pgcraft: the key of %.% cannot change', TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'feature_not_supported';
    END IF;
    PERFORM 1 FROM shop.settings WHERE setting_id = OLD.setting_id AND deleted_at IS NULL FOR UPDATE;
    IF NOT FOUND THEN
        RETURN NULL;  -- deleted meanwhile
    END IF;
    SELECT max(valid_from) INTO newest FROM shop.settings_attributes WHERE setting_id = OLD.setting_id AND valid_to IS NULL;
    IF coalesce(newest, OLD.created_at) = OLD.updated_at THEN
        latest := OLD;
    ELSE
        SELECT * INTO latest FROM shop.settings_current WHERE setting_id = OLD.setting_id;
    END IF;
    stamp := greatest(clock_timestamp(), newest + interval '1 microsecond');
    NEW.created_at := OLD.created_at;
    NEW.label := CASE WHEN NEW.label IS DISTINCT FROM OLD.label THEN NEW.label ELSE latest.label END;
    NEW.code := CASE WHEN NEW.code IS DISTINCT FROM OLD.code THEN NEW.code ELSE latest.code END;
    NEW.max_items := CASE WHEN NEW.max_items IS DISTINCT FROM OLD.max_items THEN NEW.max_items ELSE latest.max_items END;
    NEW.enabled := CASE WHEN NEW.enabled IS DISTINCT FROM OLD.enabled THEN NEW.enabled ELSE latest.enabled END;
    IF NEW.label IS NULL THEN
        RAISE EXCEPTION 'null value in column "%" of %.% violates not-null constraint', 'label', TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'not_null_violation', COLUMN = 'label';
    END IF;
    IF NEW.code IS NULL THEN
        RAISE EXCEPTION 'null value in column "%" of %.% violates not-null constraint', 'code', TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'not_null_violation', COLUMN = 'code';
    END IF;
    IF NEW.max_items IS NULL THEN
        RAISE EXCEPTION 'null value in column "%" of %.% violates not-null constraint', 'max_items', TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'not_null_violation', COLUMN = 'max_items';
    END IF;
    IF NOT (NEW.max_items > 0) THEN
        RAISE EXCEPTION 'new row for %.% violates check constraint "%"', TG_TABLE_SCHEMA, TG_TABLE_NAME, 'ck__settings__max_items'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck__settings__max_items';
    END IF;
    IF NEW.label IS DISTINCT FROM latest.label THEN
        UPDATE shop.settings_attributes SET valid_to = stamp
            WHERE setting_id = OLD.setting_id AND attribute = 'label' AND valid_to IS NULL;
        INSERT INTO shop.settings_attributes (setting_id, attribute, varchar_20_value, valid_from)
            VALUES (OLD.setting_id, 'label', NEW.label, stamp);
        changed := true;
    END IF;
    IF NEW.code IS DISTINCT FROM latest.code THEN
        UPDATE shop.settings_attributes SET valid_to = stamp
            WHERE setting_id = OLD.setting_id AND attribute = 'code' AND valid_to IS NULL;
        INSERT INTO shop.settings_attributes (setting_id, attribute, varchar_8_value, valid_from)
            VALUES (OLD.setting_id, 'code', NEW.code, stamp);
        changed := true;
    END IF;
    IF NEW.max_items IS DISTINCT FROM latest.max_items THEN
        UPDATE shop.settings_attributes SET valid_to = stamp
            WHERE setting_id = OLD.setting_id AND attribute = 'max_items' AND valid_to IS NULL;
        INSERT INTO shop.settings_attributes (setting_id, attribute, integer_value, valid_from)
            VALUES (OLD.setting_id, 'max_items', NEW.max_items, stamp);
        changed := true;
    END IF;
    IF NEW.enabled IS DISTINCT FROM latest.enabled THEN
        UPDATE shop.settings_attributes SET valid_to = stamp
            WHERE setting_id = OLD.setting_id AND attribute = 'enabled' AND valid_to IS NULL;
        INSERT INTO shop.settings_attributes (setting_id, attribute, boolean_value, valid_from)
            VALUES (OLD.setting_id, 'enabled', NEW.enabled, stamp);
        changed := true;
    END IF;
    NEW.updated_at := CASE WHEN changed THEN stamp ELSE latest.updated_at END;
    RETURN NEW;
END;
$pgcraft$;
COMMENT ON FUNCTION shop.settings_current_update() IS 'UPDATE through shop.settings_current';

CREATE TRIGGER settings_current_update
    INSTEAD OF UPDATE ON shop.settings_current
    FOR EACH ROW EXECUTE FUNCTION shop.settings_current_update();

CREATE FUNCTION shop.settings_current_delete()
    RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $pgcraft$
DECLARE
    stamp timestamptz := clock_timestamp();
BEGIN
    UPDATE shop.settings SET deleted_at = stamp WHERE setting_id = OLD.setting_id AND deleted_at IS NULL;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    UPDATE shop.settings_attributes SET valid_to = greatest(stamp, valid_from)
        WHERE setting_id = OLD.setting_id AND valid_to IS NULL;
    RETURN OLD;
END;
$pgcraft$;
COMMENT ON FUNCTION shop.settings_current_delete() IS 'DELETE through shop.settings_current';

CREATE TRIGGER settings_current_delete
    INSTEAD OF DELETE ON shop.settings_current
    FOR EACH ROW EXECUTE FUNCTION shop.settings_current_delete();

CREATE TRIGGER pgcraft_protect
    BEFORE INSERT OR UPDATE OR DELETE ON shop.settings_attributes
    FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION shop.pgcraft_forbid_direct_write();

CREATE TRIGGER pgcraft_protect_truncate
    BEFORE TRUNCATE ON shop.settings_attributes
    FOR EACH STATEMENT WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION shop.pgcraft_forbid_direct_write();
