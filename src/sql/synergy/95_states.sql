
-- Partial states as values (docs/scale-out.md): what a stored state is.
CREATE FUNCTION @extschema@.state_info(state bytea,
									   OUT family text, OUT format_version int,
									   OUT payload_bytes bigint, OUT length_ok boolean)
	RETURNS record
	AS 'MODULE_PATHNAME', 'state_info'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.state_info(bytea) IS
	'The header of a state made by a *_state or *_merge aggregate: its family (the aggregate it belongs to), the format version of its payload, the payload size and whether the value has exactly that size. Reads the header only; the *_final and *_merge functions validate the whole state.';
