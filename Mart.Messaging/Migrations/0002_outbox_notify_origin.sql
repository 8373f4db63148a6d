-- The notification names the session's application_name, which Mart sets per service instance: a relay ignores
-- its own process's commits (it was already woken by them in-process) and still wakes for every replica's.
CREATE OR REPLACE FUNCTION mart_outbox_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('mart_outbox', current_setting('application_name'));
    RETURN NULL;
END;
$$;
