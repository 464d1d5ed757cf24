-- The cohort summary of one track (cloudtrack.cohort/1, docs/career.md), computed where the
-- results are: the client receives one document, never a result. Each login counts once, with
-- its newest result of the track, whether it assessed against this store or shared a result
-- ('cloudtrack results share'). The privacy floor is applied here: fewer than 5 people (or
-- p_min_size, if larger) is refused, and any count from 1 to 2 is returned as null, suppressed.
-- Documents that do not have the shape of a result are left out. It reads the parts of each
-- result extracted when it was stored (cloudtrack_cohort_parts, in the schema's first migration).

CREATE OR REPLACE FUNCTION cloudtrack_cell(n bigint) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $cell$
    SELECT jsonb_build_object('count', CASE WHEN n > 0 AND n < 3 THEN NULL ELSE n END,
                              'suppressed', n > 0 AND n < 3)
$cell$;

-- work_mem: the people's figures (a few KB each) are sorted and scanned several times; kept in
-- memory rather than spilled to temporary files for cohorts of tens of thousands.
CREATE OR REPLACE FUNCTION cloudtrack_cohort(p_track text, p_min_size integer DEFAULT 5) RETURNS json
LANGUAGE plpgsql STABLE SET work_mem = '128MB' AS $cohort$
DECLARE
    k_min_cell constant integer := 3;
    v_min_size constant integer := greatest(coalesce(p_min_size, 5), 5);
    v_people bigint;
    v_summary json;
BEGIN
    -- cohort_parts: what this function reads of each result, extracted when it was stored.
    -- src, src_id: where the whole document is, for the few parts read from it at the end.
    WITH docs AS (
        SELECT a.owner AS person, 'r' AS src, r.attempt_id AS src_id, r.cohort_parts AS d
        FROM attempts a JOIN results r ON r.attempt_id = a.id
        WHERE a.track_id = p_track AND a.finished_at IS NOT NULL AND r.cohort_parts IS NOT NULL
        UNION ALL
        SELECT s.owner, 's', s.id, s.cohort_parts FROM shared_results s
        WHERE s.track_id = p_track AND s.cohort_parts IS NOT NULL
    ),
    valid AS (
        SELECT person, src, src_id, d FROM docs
        WHERE d->>'schema' = 'cloudtrack.result/1' AND d->'track'->>'id' = p_track
          AND jsonb_path_exists(d, '$ ? (@.attempt.finished_at.type() == "string"
                && @.attempt.id.type() == "number" && @.attempt.id >= 0
                && @.track.name.type() == "string" && @.track.version.type() == "string"
                && @.overall.percent.type() == "number" && @.overall.percent >= 0
                && @.overall.percent <= 100 && @.overall.level.type() == "string"
                && @.levels.type() == "array" && @.areas.type() == "array" && @.missed.type() == "array")')
          AND NOT jsonb_path_exists(d, '$.levels[*] ? (!(@.id.type() == "string" && @.name.type() == "string"))')
          AND NOT jsonb_path_exists(d, '$.areas[*] ? (!(@.id.type() == "string" && @.name.type() == "string"
                && @.items.type() == "number" && @.items >= 0))')
          AND NOT jsonb_path_exists(d, '$.areas[*] ? (@.items > 0 && !(@.percent.type() == "number"
                && @.percent >= 0 && @.percent <= 100 && @.level.type() == "string"))')
          AND NOT jsonb_path_exists(d, '$.overall ? (exists (@.gap) && !(@.gap.type() == "number"))')
          AND NOT jsonb_path_exists(d, '$.areas[*] ? (exists (@.gap) && !(@.gap.type() == "number"))')
          AND NOT jsonb_path_exists(d, '$.overall ? (exists (@.below_target) && !(@.below_target.type() == "boolean"
                && @.target_level_name.type() == "string"))')
          AND NOT jsonb_path_exists(d, '$.areas[*] ? (exists (@.below_target) && !(@.below_target.type() == "boolean"
                && @.target_level_name.type() == "string"))')
    ),
    newest AS (
        SELECT DISTINCT ON (person) person, src, src_id, d FROM valid
        ORDER BY person, d->'attempt'->>'finished_at' COLLATE "C" DESC, (d->'attempt'->>'id')::numeric DESC
    ),
    people AS MATERIALIZED (
        SELECT row_number() OVER (ORDER BY d->'attempt'->>'finished_at' COLLATE "C" DESC,
                                           (d->'attempt'->>'id')::numeric DESC, person COLLATE "C") AS pos,
               src, src_id, d
        FROM newest
    ),
    latest AS (SELECT d FROM people WHERE pos = 1),
    level_list AS (
        SELECT l.ord, l.value->'id' AS id, l.value->'name' AS name
        FROM latest, jsonb_array_elements(latest.d->'levels') WITH ORDINALITY AS l(value, ord)
    ),
    -- One row per person and area; area NULL is the whole result.
    figures AS (
        SELECT p.pos, NULL::text AS area, 0::bigint AS idx, p.d->'overall' AS f FROM people p
        UNION ALL
        SELECT p.pos, a.value->>'id', a.ord, a.value
        FROM people p, jsonb_array_elements(p.d->'areas') WITH ORDINALITY AS a(value, ord)
        WHERE (a.value->>'items')::numeric > 0
    ),
    level_counts AS (
        SELECT area, f->>'level' AS level, count(*) AS n FROM figures GROUP BY area, f->>'level'
    ),
    tallies AS (
        SELECT area,
               count(*) AS people,
               (array_agg(f->'name' ORDER BY pos, idx))[1] AS name,
               min(ARRAY[pos, idx]) AS first_seen,
               percentile_disc(0.5) WITHIN GROUP (ORDER BY f->'percent') AS median,
               percentile_disc(0.25) WITHIN GROUP (ORDER BY f->'percent') AS p25,
               percentile_disc(0.75) WITHIN GROUP (ORDER BY f->'percent') AS p75,
               count(*) FILTER (WHERE f ? 'gap') AS gaps,
               percentile_disc(0.5) WITHIN GROUP (ORDER BY f->'gap') FILTER (WHERE f ? 'gap') AS median_gap,
               count(*) FILTER (WHERE f ? 'below_target') AS with_target,
               count(*) FILTER (WHERE (f->>'below_target')::boolean) AS below_target,
               (array_agg(f->'target_level_name' ORDER BY pos DESC, idx DESC)
                    FILTER (WHERE f ? 'below_target'))[1] AS target_level_name
        FROM figures GROUP BY area
    ),
    tally_json AS (
        SELECT t.area, t.name, t.first_seen, t.median, t.people >= k_min_cell AS shown,
               CASE WHEN t.people < k_min_cell THEN jsonb_build_object('people', t.people, 'suppressed', true)
               ELSE jsonb_build_object(
                        'people', t.people, 'suppressed', false,
                        'median_percent', t.median, 'p25_percent', t.p25, 'p75_percent', t.p75,
                        'levels', coalesce((
                            SELECT jsonb_agg(jsonb_build_object('level', l.id, 'name', l.name)
                                                 || cloudtrack_cell(coalesce(c.n, 0)) ORDER BY l.ord)
                            FROM level_list l
                            LEFT JOIN level_counts c
                                   ON c.area IS NOT DISTINCT FROM t.area AND to_jsonb(c.level) = l.id),
                            '[]'::jsonb))
                    || CASE WHEN t.gaps >= k_min_cell THEN jsonb_build_object('median_gap', t.median_gap)
                            ELSE '{}'::jsonb END
                    || CASE WHEN t.with_target > 0
                            THEN jsonb_build_object('target_level_name', t.target_level_name,
                                                    'below_target', cloudtrack_cell(t.below_target))
                            ELSE '{}'::jsonb END
               END AS entry
        FROM tallies t
    ),
    -- Counted by item id alone (a cohort of thousands has millions of misses); the description of
    -- the ten items shown comes from the last miss in people order, as the summary from files
    -- takes it, read back from that one person's result.
    missed AS (
        SELECT p.pos, m.ord, m.item
        FROM people p, jsonb_array_elements_text(p.d->'missed') WITH ORDINALITY AS m(item, ord)
    ),
    missed_counts AS (
        SELECT item, count(*) AS n, max(ARRAY[pos, ord]) AS last FROM missed GROUP BY item
    ),
    top_missed AS (
        SELECT jsonb_build_object('item', m->'item', 'area', m->'area', 'stem', m->'stem', 'missed_by', c.n)
                   AS entry, c.n, c.item
        FROM (SELECT * FROM missed_counts WHERE n >= k_min_cell ORDER BY n DESC, item COLLATE "C" LIMIT 10) c
        JOIN people p ON p.pos = c.last[1]
        CROSS JOIN LATERAL (
            SELECT (CASE p.src WHEN 'r' THEN (SELECT result_json FROM results WHERE attempt_id = p.src_id)
                               ELSE (SELECT result_json FROM shared_results WHERE id = p.src_id) END
                   )::jsonb->'missed'->(c.last[2]::integer - 1) AS m
        ) last_miss
    ),
    weakest AS (
        SELECT name, median, first_seen FROM tally_json
        WHERE area IS NOT NULL AND shown ORDER BY median, first_seen LIMIT 3
    )
    SELECT (SELECT count(*) FROM people),
           json_build_object(
               'schema', 'cloudtrack.cohort/1',
               'track', p_track,
               'track_name', (SELECT d->'track'->'name' FROM latest),
               'people', (SELECT count(*) FROM people),
               'min_cell', k_min_cell,
               'versions', coalesce((
                   SELECT jsonb_agg(cloudtrack_cell(n) || jsonb_build_object('version', version)
                                    ORDER BY version COLLATE "C")
                   FROM (SELECT d->'track'->>'version' AS version, count(*) AS n FROM people GROUP BY 1) v),
                   '[]'::jsonb),
               'overall', (SELECT entry FROM tally_json WHERE area IS NULL),
               'areas', coalesce((
                   SELECT jsonb_agg(entry || jsonb_build_object('id', area, 'name', name) ORDER BY first_seen)
                   FROM tally_json WHERE area IS NOT NULL), '[]'::jsonb),
               'weakest_areas', coalesce((SELECT jsonb_agg(name ORDER BY median, first_seen) FROM weakest),
                                         '[]'::jsonb),
               'most_missed', coalesce((SELECT jsonb_agg(entry ORDER BY n DESC, item COLLATE "C")
                                        FROM top_missed), '[]'::jsonb))
    INTO v_people, v_summary;

    IF v_people < v_min_size THEN
        RAISE EXCEPTION USING
            MESSAGE = format('a cohort summary of ''%s'' needs results from at least %s people; the store holds %s',
                             p_track, v_min_size, v_people),
            ERRCODE = 'P0001';
    END IF;
    RETURN v_summary;
END
$cohort$;
