-- Organization mode (docs/organizations.md). Run by the database administrator, as the owner of
-- the cloudtrack tables, once the schema exists: 'cloudtrack store init --org' runs both. Safe to
-- run again.
--
--   cloudtrack_person   granted to each person's login: reads and writes only the rows that
--                       login owns (row-level security on `owner`, which defaults to the login).
--   cloudtrack_manager  granted to each manager's login: reads no table; calls
--                       cloudtrack_cohort(track), which applies the privacy floor in the database.
--
-- Policies compare with session_user, which SET ROLE does not change, so no login can act under
-- a shared group name.

-- Roles belong to the whole server: another database may have created them already, or be
-- creating them right now.
DO $roles$
BEGIN
    BEGIN
        CREATE ROLE cloudtrack_person NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
    BEGIN
        CREATE ROLE cloudtrack_manager NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO cloudtrack_person, cloudtrack_manager', current_schema());
END
$roles$;

REVOKE ALL ON attempts, answers, self_ratings, results, certifications, checklist_marks, shared_results,
              cloudtrack_schema_version FROM PUBLIC;
GRANT SELECT ON cloudtrack_schema_version TO cloudtrack_person, cloudtrack_manager;
GRANT SELECT, INSERT, UPDATE, DELETE
    ON attempts, answers, self_ratings, results, certifications, checklist_marks, shared_results
    TO cloudtrack_person;
GRANT USAGE ON SEQUENCE attempts_id_seq, shared_results_id_seq TO cloudtrack_person;

-- Row-level security: a person's login sees and writes only its own rows. Rows that hang off an
-- attempt must also name an attempt of the same login.
ALTER TABLE attempts ENABLE ROW LEVEL SECURITY;
ALTER TABLE answers ENABLE ROW LEVEL SECURITY;
ALTER TABLE self_ratings ENABLE ROW LEVEL SECURITY;
ALTER TABLE results ENABLE ROW LEVEL SECURITY;
ALTER TABLE certifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE checklist_marks ENABLE ROW LEVEL SECURITY;
ALTER TABLE shared_results ENABLE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS cloudtrack_own_rows ON attempts;
CREATE POLICY cloudtrack_own_rows ON attempts TO cloudtrack_person
    USING (owner = session_user) WITH CHECK (owner = session_user);
DROP POLICY IF EXISTS cloudtrack_own_rows ON certifications;
CREATE POLICY cloudtrack_own_rows ON certifications TO cloudtrack_person
    USING (owner = session_user) WITH CHECK (owner = session_user);
DROP POLICY IF EXISTS cloudtrack_own_rows ON checklist_marks;
CREATE POLICY cloudtrack_own_rows ON checklist_marks TO cloudtrack_person
    USING (owner = session_user) WITH CHECK (owner = session_user);
DROP POLICY IF EXISTS cloudtrack_own_rows ON shared_results;
CREATE POLICY cloudtrack_own_rows ON shared_results TO cloudtrack_person
    USING (owner = session_user) WITH CHECK (owner = session_user);
DROP POLICY IF EXISTS cloudtrack_own_rows ON answers;
CREATE POLICY cloudtrack_own_rows ON answers TO cloudtrack_person
    USING (owner = session_user)
    WITH CHECK (owner = session_user AND EXISTS (SELECT FROM attempts a WHERE a.id = attempt_id));
DROP POLICY IF EXISTS cloudtrack_own_rows ON self_ratings;
CREATE POLICY cloudtrack_own_rows ON self_ratings TO cloudtrack_person
    USING (owner = session_user)
    WITH CHECK (owner = session_user AND EXISTS (SELECT FROM attempts a WHERE a.id = attempt_id));
DROP POLICY IF EXISTS cloudtrack_own_rows ON results;
CREATE POLICY cloudtrack_own_rows ON results TO cloudtrack_person
    USING (owner = session_user)
    WITH CHECK (owner = session_user AND EXISTS (SELECT FROM attempts a WHERE a.id = attempt_id));

-- Cohorts: the function runs with its owner's rights (it reads every result) and returns only
-- the summary it computes, with the floor applied; its search path is fixed to this schema so a
-- caller cannot substitute tables of their own.
ALTER FUNCTION cloudtrack_cohort(text, integer) SECURITY DEFINER;
DO $path$
BEGIN
    EXECUTE format('ALTER FUNCTION cloudtrack_cohort(text, integer) SET search_path = %I, pg_temp',
                   current_schema());
    EXECUTE format('ALTER FUNCTION cloudtrack_cell(bigint) SET search_path = %I, pg_temp', current_schema());
END
$path$;
REVOKE ALL ON FUNCTION cloudtrack_cohort(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cloudtrack_cohort(text, integer) TO cloudtrack_manager;
