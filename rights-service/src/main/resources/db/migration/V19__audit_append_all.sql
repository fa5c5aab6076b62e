-- Several audit entries in one round trip: what one lifecycle command records (received, started, tasks dispatched…)
-- is appended in one call, in the order given, each exactly as audit_append (V14) appends it: under its chain's
-- lock (taken again for each entry of a chain it already holds, which is free), hashed onto the entry before it.
-- Entries of one call may belong to different chains. Arrays are of equal length; p_request_ids holds NULLs for
-- entries that concern no request; p_occurred_at are timestamptz values (micro-second precision, as hashed).
create function audit_append_all(
    p_request_ids uuid[], p_chains text[], p_occurred_at timestamptz[], p_actors text[], p_actions text[],
    p_details text[], p_contents text[]) returns void language plpgsql as $$
begin
    for i in 1 .. coalesce(array_length(p_chains, 1), 0) loop
        perform audit_append(p_request_ids[i], p_chains[i], p_occurred_at[i], p_actors[i], p_actions[i],
                             p_details[i], p_contents[i]);
    end loop;
end $$;
