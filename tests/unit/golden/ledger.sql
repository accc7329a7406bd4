CREATE SCHEMA shop;

CREATE FUNCTION shop.stock_moves_immutable()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $pgcraft$
BEGIN
    IF TG_OP = 'INSERT' THEN
        RAISE EXCEPTION 'pgcraft: ledger % is written only through its view: insert the legs into %, and correct an entry by reversing it with %(entry_id)',
            'shop.stock_moves', 'shop.stock_moves_entries', 'shop.stock_moves_reverse'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RAISE EXCEPTION 'pgcraft: ledger % is immutable, % is refused: correct an entry by reversing it with %(entry_id), then insert the right legs into %',
        'shop.stock_moves', TG_OP, 'shop.stock_moves_reverse', 'shop.stock_moves_entries'
        USING ERRCODE = 'insufficient_privilege';
END;
$pgcraft$;
COMMENT ON FUNCTION shop.stock_moves_immutable() IS 'Refuses every write to shop.stock_moves but an INSERT through its view: an entry is corrected by reversal';

CREATE TABLE shop.stock_moves (
    id         bigint        NOT NULL GENERATED ALWAYS AS IDENTITY,
    entry_id   uuid          NOT NULL DEFAULT gen_random_uuid(),
    sku        varchar(32)   NOT NULL,
    warehouse  text          NOT NULL,
    note       text,
    value      numeric(12,2) NOT NULL,
    created_at timestamptz   NOT NULL DEFAULT clock_timestamp(),
    reverses   bigint,
    CONSTRAINT pk__stock_moves__id PRIMARY KEY (id),
    CONSTRAINT uq__stock_moves__reverses UNIQUE (reverses),
    CONSTRAINT fk__stock_moves__reverses__stock_moves FOREIGN KEY (reverses) REFERENCES shop.stock_moves (id),
    CONSTRAINT ck__stock_moves__warehouse CHECK (warehouse <> '')
);
COMMENT ON TABLE shop.stock_moves IS 'Stock moved between warehouses';
COMMENT ON COLUMN shop.stock_moves.id IS 'Strictly increasing: orders the legs';
COMMENT ON COLUMN shop.stock_moves.entry_id IS 'The entry this leg belongs to: the legs of one entry share it';
COMMENT ON COLUMN shop.stock_moves.sku IS 'The article';
COMMENT ON COLUMN shop.stock_moves.value IS 'The leg''s value';
COMMENT ON COLUMN shop.stock_moves.created_at IS 'When the leg was written: the real time, not the transaction''s';
COMMENT ON COLUMN shop.stock_moves.reverses IS 'The leg this leg reverses, or NULL; a leg is reversed once';

CREATE INDEX ix__stock_moves__entry_id ON shop.stock_moves (entry_id);

CREATE INDEX ix__stock_moves__sku ON shop.stock_moves (sku);

CREATE VIEW shop.stock_moves_entries AS
SELECT id,
       entry_id,
       sku,
       warehouse,
       note,
       value,
       created_at,
       reverses
FROM shop.stock_moves;
ALTER VIEW shop.stock_moves_entries ALTER COLUMN entry_id SET DEFAULT gen_random_uuid();
COMMENT ON VIEW shop.stock_moves_entries IS 'Every leg of shop.stock_moves; write here, with INSERT';

CREATE FUNCTION shop.stock_moves_entries_insert()
    RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $pgcraft$
DECLARE
    pgcraft_reversed shop.stock_moves%ROWTYPE;
BEGIN
    IF NEW.reverses IS NOT NULL THEN
        SELECT * INTO pgcraft_reversed FROM shop.stock_moves AS leg WHERE leg.id = NEW.reverses;
        IF NOT FOUND OR NEW.value IS DISTINCT FROM -pgcraft_reversed.value
           OR (NEW.sku, NEW.warehouse, NEW.note) IS DISTINCT FROM (pgcraft_reversed.sku, pgcraft_reversed.warehouse, pgcraft_reversed.note) THEN
            RAISE EXCEPTION 'pgcraft: a leg of ledger % that reverses leg % must negate its value and repeat its dimensions; reverse a whole entry with %(entry_id)',
                'shop.stock_moves', NEW.reverses, 'shop.stock_moves_reverse'
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    INSERT INTO shop.stock_moves (entry_id, sku, warehouse, note, value, reverses)
        VALUES (NEW.entry_id, NEW.sku, NEW.warehouse, NEW.note, NEW.value, NEW.reverses)
        RETURNING id, entry_id, sku, warehouse, note, value, created_at, reverses
        INTO NEW.id, NEW.entry_id, NEW.sku, NEW.warehouse, NEW.note, NEW.value, NEW.created_at, NEW.reverses;
    RETURN NEW;
END;
$pgcraft$;
COMMENT ON FUNCTION shop.stock_moves_entries_insert() IS 'INSERT through shop.stock_moves_entries';

CREATE TRIGGER stock_moves_entries_insert
    INSTEAD OF INSERT ON shop.stock_moves_entries
    FOR EACH ROW EXECUTE FUNCTION shop.stock_moves_entries_insert();

CREATE FUNCTION shop.stock_moves_reverse(entry uuid)
    RETURNS SETOF shop.stock_moves_entries
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $pgcraft$
DECLARE
    pgcraft_reversal uuid := gen_random_uuid();
    pgcraft_violated text;
BEGIN
    IF NOT EXISTS (SELECT FROM shop.stock_moves AS leg WHERE leg.entry_id = $1) THEN
        RAISE EXCEPTION 'pgcraft: ledger % has no entry %', 'shop.stock_moves', $1
            USING ERRCODE = 'no_data_found';
    END IF;
    RETURN QUERY
        WITH legs AS (
            INSERT INTO shop.stock_moves_entries (entry_id, sku, warehouse, note, value, reverses)
            SELECT pgcraft_reversal, leg.sku, leg.warehouse, leg.note, -leg.value, leg.id
            FROM shop.stock_moves AS leg
            WHERE leg.entry_id = $1
            ORDER BY leg.id
            RETURNING *)
        SELECT * FROM legs ORDER BY id;
EXCEPTION WHEN unique_violation THEN
    GET STACKED DIAGNOSTICS pgcraft_violated = CONSTRAINT_NAME;
    IF pgcraft_violated = 'uq__stock_moves__reverses' THEN
        RAISE EXCEPTION 'pgcraft: entry % of ledger % is already reversed', $1, 'shop.stock_moves'
            USING ERRCODE = 'unique_violation',
                  HINT = 'An entry is reversed once; to correct a reversal, reverse the reversing entry.';
    END IF;
    RAISE;
END;
$pgcraft$;
COMMENT ON FUNCTION shop.stock_moves_reverse(entry uuid) IS 'Writes the entry that reverses the given one (each leg negated) and returns its legs; an entry is reversed once';

CREATE TRIGGER pgcraft_protect
    BEFORE INSERT ON shop.stock_moves
    FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION shop.stock_moves_immutable();

CREATE TRIGGER pgcraft_protect_always
    BEFORE UPDATE OR DELETE ON shop.stock_moves
    FOR EACH ROW EXECUTE FUNCTION shop.stock_moves_immutable();

CREATE TRIGGER pgcraft_protect_truncate
    BEFORE TRUNCATE ON shop.stock_moves
    FOR EACH STATEMENT EXECUTE FUNCTION shop.stock_moves_immutable();

CREATE TRIGGER pgcraft_protect_always
    INSTEAD OF UPDATE OR DELETE ON shop.stock_moves_entries
    FOR EACH ROW EXECUTE FUNCTION shop.stock_moves_immutable();

CREATE FUNCTION public.loyalty_points_immutable()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $pgcraft$
BEGIN
    IF TG_OP = 'INSERT' THEN
        RAISE EXCEPTION 'pgcraft: ledger % is written only through its view: insert the legs into %, and correct an entry by reversing it with %(entry_id)',
            'public.loyalty_points', 'public.loyalty_points_entries', 'public.loyalty_points_reverse'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RAISE EXCEPTION 'pgcraft: ledger % is immutable, % is refused: correct an entry by reversing it with %(entry_id), then insert the right legs into %',
        'public.loyalty_points', TG_OP, 'public.loyalty_points_reverse', 'public.loyalty_points_entries'
        USING ERRCODE = 'insufficient_privilege';
END;
$pgcraft$;
COMMENT ON FUNCTION public.loyalty_points_immutable() IS 'Refuses every write to public.loyalty_points but an INSERT through its view: an entry is corrected by reversal';

CREATE TABLE public.loyalty_points (
    id         bigint      NOT NULL GENERATED ALWAYS AS IDENTITY,
    entry_id   uuid        NOT NULL DEFAULT gen_random_uuid(),
    customer   bigint      NOT NULL,
    value      integer     NOT NULL,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    reverses   bigint,
    CONSTRAINT pk__loyalty_points__id PRIMARY KEY (id),
    CONSTRAINT uq__loyalty_points__reverses UNIQUE (reverses),
    CONSTRAINT fk__loyalty_points__reverses__loyalty_points FOREIGN KEY (reverses) REFERENCES public.loyalty_points (id)
);
COMMENT ON COLUMN public.loyalty_points.id IS 'Strictly increasing: orders the legs';
COMMENT ON COLUMN public.loyalty_points.entry_id IS 'The entry this leg belongs to: the legs of one entry share it';
COMMENT ON COLUMN public.loyalty_points.value IS 'The leg''s value';
COMMENT ON COLUMN public.loyalty_points.created_at IS 'When the leg was written: the real time, not the transaction''s';
COMMENT ON COLUMN public.loyalty_points.reverses IS 'The leg this leg reverses, or NULL; a leg is reversed once';

CREATE INDEX ix__loyalty_points__entry_id ON public.loyalty_points (entry_id);

CREATE VIEW public.loyalty_points_entries AS
SELECT id,
       entry_id,
       customer,
       value,
       created_at,
       reverses
FROM public.loyalty_points;
ALTER VIEW public.loyalty_points_entries ALTER COLUMN entry_id SET DEFAULT gen_random_uuid();
COMMENT ON VIEW public.loyalty_points_entries IS 'Every leg of public.loyalty_points; write here, with INSERT';

CREATE FUNCTION public.loyalty_points_entries_insert()
    RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $pgcraft$
DECLARE
    pgcraft_reversed public.loyalty_points%ROWTYPE;
BEGIN
    IF NEW.reverses IS NOT NULL THEN
        SELECT * INTO pgcraft_reversed FROM public.loyalty_points AS leg WHERE leg.id = NEW.reverses;
        IF NOT FOUND OR NEW.value IS DISTINCT FROM -pgcraft_reversed.value
           OR (NEW.customer) IS DISTINCT FROM (pgcraft_reversed.customer) THEN
            RAISE EXCEPTION 'pgcraft: a leg of ledger % that reverses leg % must negate its value and repeat its dimensions; reverse a whole entry with %(entry_id)',
                'public.loyalty_points', NEW.reverses, 'public.loyalty_points_reverse'
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    INSERT INTO public.loyalty_points (entry_id, customer, value, reverses)
        VALUES (NEW.entry_id, NEW.customer, NEW.value, NEW.reverses)
        RETURNING id, entry_id, customer, value, created_at, reverses
        INTO NEW.id, NEW.entry_id, NEW.customer, NEW.value, NEW.created_at, NEW.reverses;
    RETURN NEW;
END;
$pgcraft$;
COMMENT ON FUNCTION public.loyalty_points_entries_insert() IS 'INSERT through public.loyalty_points_entries';

CREATE TRIGGER loyalty_points_entries_insert
    INSTEAD OF INSERT ON public.loyalty_points_entries
    FOR EACH ROW EXECUTE FUNCTION public.loyalty_points_entries_insert();

CREATE FUNCTION public.loyalty_points_reverse(entry uuid)
    RETURNS SETOF public.loyalty_points_entries
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $pgcraft$
DECLARE
    pgcraft_reversal uuid := gen_random_uuid();
    pgcraft_violated text;
BEGIN
    IF NOT EXISTS (SELECT FROM public.loyalty_points AS leg WHERE leg.entry_id = $1) THEN
        RAISE EXCEPTION 'pgcraft: ledger % has no entry %', 'public.loyalty_points', $1
            USING ERRCODE = 'no_data_found';
    END IF;
    RETURN QUERY
        WITH legs AS (
            INSERT INTO public.loyalty_points_entries (entry_id, customer, value, reverses)
            SELECT pgcraft_reversal, leg.customer, -leg.value, leg.id
            FROM public.loyalty_points AS leg
            WHERE leg.entry_id = $1
            ORDER BY leg.id
            RETURNING *)
        SELECT * FROM legs ORDER BY id;
EXCEPTION WHEN unique_violation THEN
    GET STACKED DIAGNOSTICS pgcraft_violated = CONSTRAINT_NAME;
    IF pgcraft_violated = 'uq__loyalty_points__reverses' THEN
        RAISE EXCEPTION 'pgcraft: entry % of ledger % is already reversed', $1, 'public.loyalty_points'
            USING ERRCODE = 'unique_violation',
                  HINT = 'An entry is reversed once; to correct a reversal, reverse the reversing entry.';
    END IF;
    RAISE;
END;
$pgcraft$;
COMMENT ON FUNCTION public.loyalty_points_reverse(entry uuid) IS 'Writes the entry that reverses the given one (each leg negated) and returns its legs; an entry is reversed once';

CREATE TRIGGER pgcraft_protect
    BEFORE INSERT ON public.loyalty_points
    FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION public.loyalty_points_immutable();

CREATE TRIGGER pgcraft_protect_always
    BEFORE UPDATE OR DELETE ON public.loyalty_points
    FOR EACH ROW EXECUTE FUNCTION public.loyalty_points_immutable();

CREATE TRIGGER pgcraft_protect_truncate
    BEFORE TRUNCATE ON public.loyalty_points
    FOR EACH STATEMENT EXECUTE FUNCTION public.loyalty_points_immutable();

CREATE TRIGGER pgcraft_protect_always
    INSTEAD OF UPDATE OR DELETE ON public.loyalty_points_entries
    FOR EACH ROW EXECUTE FUNCTION public.loyalty_points_immutable();

CREATE FUNCTION public.counts_immutable()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $pgcraft$
BEGIN
    IF TG_OP = 'INSERT' THEN
        RAISE EXCEPTION 'pgcraft: ledger % is written only through its view: insert the legs into %, and correct an entry by reversing it with %(entry_id)',
            'public.counts', 'public.counts_entries', 'public.counts_reverse'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RAISE EXCEPTION 'pgcraft: ledger % is immutable, % is refused: correct an entry by reversing it with %(entry_id), then insert the right legs into %',
        'public.counts', TG_OP, 'public.counts_reverse', 'public.counts_entries'
        USING ERRCODE = 'insufficient_privilege';
END;
$pgcraft$;
COMMENT ON FUNCTION public.counts_immutable() IS 'Refuses every write to public.counts but an INSERT through its view: an entry is corrected by reversal';

CREATE TABLE public.counts (
    id         bigint      NOT NULL GENERATED ALWAYS AS IDENTITY,
    entry_id   uuid        NOT NULL DEFAULT gen_random_uuid(),
    bin        integer     NOT NULL,
    value      bigint      NOT NULL,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    reverses   bigint,
    CONSTRAINT pk__counts__id PRIMARY KEY (id),
    CONSTRAINT ck__counts__bin CHECK (bin BETWEEN 0 AND 65535),
    CONSTRAINT uq__counts__reverses UNIQUE (reverses),
    CONSTRAINT fk__counts__reverses__counts FOREIGN KEY (reverses) REFERENCES public.counts (id)
);
COMMENT ON COLUMN public.counts.id IS 'Strictly increasing: orders the legs';
COMMENT ON COLUMN public.counts.entry_id IS 'The entry this leg belongs to: the legs of one entry share it';
COMMENT ON COLUMN public.counts.value IS 'The leg''s value';
COMMENT ON COLUMN public.counts.created_at IS 'When the leg was written: the real time, not the transaction''s';
COMMENT ON COLUMN public.counts.reverses IS 'The leg this leg reverses, or NULL; a leg is reversed once';

CREATE INDEX ix__counts__entry_id ON public.counts (entry_id);

CREATE VIEW public.counts_entries AS
SELECT id,
       entry_id,
       bin,
       value,
       created_at,
       reverses
FROM public.counts;
ALTER VIEW public.counts_entries ALTER COLUMN entry_id SET DEFAULT gen_random_uuid();
COMMENT ON VIEW public.counts_entries IS 'Every leg of public.counts; write here, with INSERT';

CREATE FUNCTION public.counts_entries_insert()
    RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $pgcraft$
DECLARE
    pgcraft_reversed public.counts%ROWTYPE;
BEGIN
    IF NEW.reverses IS NOT NULL THEN
        SELECT * INTO pgcraft_reversed FROM public.counts AS leg WHERE leg.id = NEW.reverses;
        IF NOT FOUND OR NEW.value IS DISTINCT FROM -pgcraft_reversed.value
           OR (NEW.bin) IS DISTINCT FROM (pgcraft_reversed.bin) THEN
            RAISE EXCEPTION 'pgcraft: a leg of ledger % that reverses leg % must negate its value and repeat its dimensions; reverse a whole entry with %(entry_id)',
                'public.counts', NEW.reverses, 'public.counts_reverse'
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    INSERT INTO public.counts (entry_id, bin, value, reverses)
        VALUES (NEW.entry_id, NEW.bin, NEW.value, NEW.reverses)
        RETURNING id, entry_id, bin, value, created_at, reverses
        INTO NEW.id, NEW.entry_id, NEW.bin, NEW.value, NEW.created_at, NEW.reverses;
    RETURN NEW;
END;
$pgcraft$;
COMMENT ON FUNCTION public.counts_entries_insert() IS 'INSERT through public.counts_entries';

CREATE TRIGGER counts_entries_insert
    INSTEAD OF INSERT ON public.counts_entries
    FOR EACH ROW EXECUTE FUNCTION public.counts_entries_insert();

CREATE FUNCTION public.counts_reverse(entry uuid)
    RETURNS SETOF public.counts_entries
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $pgcraft$
DECLARE
    pgcraft_reversal uuid := gen_random_uuid();
    pgcraft_violated text;
BEGIN
    IF NOT EXISTS (SELECT FROM public.counts AS leg WHERE leg.entry_id = $1) THEN
        RAISE EXCEPTION 'pgcraft: ledger % has no entry %', 'public.counts', $1
            USING ERRCODE = 'no_data_found';
    END IF;
    RETURN QUERY
        WITH legs AS (
            INSERT INTO public.counts_entries (entry_id, bin, value, reverses)
            SELECT pgcraft_reversal, leg.bin, -leg.value, leg.id
            FROM public.counts AS leg
            WHERE leg.entry_id = $1
            ORDER BY leg.id
            RETURNING *)
        SELECT * FROM legs ORDER BY id;
EXCEPTION WHEN unique_violation THEN
    GET STACKED DIAGNOSTICS pgcraft_violated = CONSTRAINT_NAME;
    IF pgcraft_violated = 'uq__counts__reverses' THEN
        RAISE EXCEPTION 'pgcraft: entry % of ledger % is already reversed', $1, 'public.counts'
            USING ERRCODE = 'unique_violation',
                  HINT = 'An entry is reversed once; to correct a reversal, reverse the reversing entry.';
    END IF;
    RAISE;
END;
$pgcraft$;
COMMENT ON FUNCTION public.counts_reverse(entry uuid) IS 'Writes the entry that reverses the given one (each leg negated) and returns its legs; an entry is reversed once';

CREATE TRIGGER pgcraft_protect
    BEFORE INSERT ON public.counts
    FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION public.counts_immutable();

CREATE TRIGGER pgcraft_protect_always
    BEFORE UPDATE OR DELETE ON public.counts
    FOR EACH ROW EXECUTE FUNCTION public.counts_immutable();

CREATE TRIGGER pgcraft_protect_truncate
    BEFORE TRUNCATE ON public.counts
    FOR EACH STATEMENT EXECUTE FUNCTION public.counts_immutable();

CREATE TRIGGER pgcraft_protect_always
    INSTEAD OF UPDATE OR DELETE ON public.counts_entries
    FOR EACH ROW EXECUTE FUNCTION public.counts_immutable();
