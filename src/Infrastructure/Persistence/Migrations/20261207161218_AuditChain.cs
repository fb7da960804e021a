using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EcrCurator.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// The audit log becomes a hash chain (docs/security.md): each entry records its actor's kind, the previous entry's
    /// hash and its own. <c>audit_entry_hash</c> is the one place that computes an entry's hash: the insert trigger uses
    /// it for every new entry, and this migration for the entries already there (the append-only trigger is disabled for
    /// that, inside this migration's transaction only). TRUNCATE is refused like UPDATE and DELETE.
    /// </summary>
    public partial class AuditChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // No one writes an entry while the existing ones are chained.
            migrationBuilder.Sql("LOCK TABLE audit_entries IN EXCLUSIVE MODE;");
            migrationBuilder.AddColumn<string>(name: "actor_kind", table: "audit_entries", type: "text", nullable: true);
            migrationBuilder.AddColumn<string>(name: "previous_hash", table: "audit_entries", type: "text", nullable: true);
            migrationBuilder.AddColumn<string>(name: "hash", table: "audit_entries", type: "text", nullable: true);

            migrationBuilder.Sql("""
                -- A field of the canonical encoding: its length in bytes (4 bytes, big-endian) and its UTF-8 bytes; null is length -1.
                CREATE FUNCTION audit_field(value text) RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE AS $$
                    SELECT CASE WHEN value IS NULL THEN '\xffffffff'::bytea
                                ELSE int4send(octet_length(convert_to(value, 'UTF8'))) || convert_to(value, 'UTF8') END
                $$;

                -- An entry's hash: SHA-256, in lowercase hex, of its fields in this order, each encoded by audit_field.
                CREATE FUNCTION audit_entry_hash(
                    entry_id bigint, entry_at timestamptz, entry_actor text, entry_actor_kind text, entry_action text, entry_target text,
                    entry_team text, entry_details text, entry_previous_hash text) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
                    SELECT encode(sha256(
                        audit_field('ecr-curator audit entry v1')
                        || audit_field(entry_id::text)
                        || audit_field(to_char(entry_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
                        || audit_field(entry_actor)
                        || audit_field(entry_actor_kind)
                        || audit_field(entry_action)
                        || audit_field(entry_target)
                        || audit_field(entry_team)
                        || audit_field(entry_details)
                        || audit_field(entry_previous_hash)), 'hex')
                $$;
                """);

            migrationBuilder.Sql("""
                ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only;
                UPDATE audit_entries SET actor_kind = CASE
                    WHEN lower(btrim(actor)) = 'system' OR lower(btrim(actor)) LIKE 'cli:%' THEN 'automation' ELSE 'person' END;
                DO $$
                DECLARE
                    entry record;
                    previous text := repeat('0', 64);
                BEGIN
                    FOR entry IN SELECT * FROM audit_entries ORDER BY id LOOP
                        UPDATE audit_entries
                        SET previous_hash = previous,
                            hash = audit_entry_hash(entry.id, entry.at, entry.actor, entry.actor_kind, entry.action, entry.target, entry.team, entry.details::text, previous)
                        WHERE id = entry.id
                        RETURNING hash INTO previous;
                    END LOOP;
                END $$;
                ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only;
                ALTER TABLE audit_entries ALTER COLUMN actor_kind SET NOT NULL, ALTER COLUMN previous_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL;
                """);

            migrationBuilder.AddCheckConstraint(
                name: "CK_audit_entries_actor_kind",
                table: "audit_entries",
                sql: "actor_kind IN ('person', 'automation')");

            // Every new entry is chained as it is inserted. Writers take turns (a transaction-level advisory lock, held until
            // they commit), so each reads the head its predecessor committed: the chain never forks, and ids follow it.
            migrationBuilder.Sql("""
                CREATE FUNCTION chain_audit_entry() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    head_id bigint;
                    head_hash text;
                BEGIN
                    IF current_setting('transaction_isolation') <> 'read committed' THEN
                        RAISE EXCEPTION 'audit entries are written in READ COMMITTED transactions only (this one is %): the chain''s head must be read after its lock',
                            current_setting('transaction_isolation') USING ERRCODE = 'invalid_transaction_state';
                    END IF;
                    PERFORM pg_advisory_xact_lock(4999965645370163202); -- 0x4563_7243_7572_0002 ("EcrCur" + 2): the head of the chain
                    SELECT id, hash INTO head_id, head_hash FROM audit_entries ORDER BY id DESC LIMIT 1;
                    IF head_id IS NOT NULL AND NEW.id <= head_id THEN
                        NEW.id := head_id + 1; -- an id drawn before the lock, overtaken meanwhile
                    END IF;
                    NEW.previous_hash := coalesce(head_hash, repeat('0', 64));
                    NEW.hash := audit_entry_hash(NEW.id, NEW.at, NEW.actor, NEW.actor_kind, NEW.action, NEW.target, NEW.team, NEW.details::text, NEW.previous_hash);
                    RETURN NEW;
                END $$;
                CREATE TRIGGER audit_entries_chain BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION chain_audit_entry();
                CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER audit_entries_no_truncate ON audit_entries;
                DROP TRIGGER audit_entries_chain ON audit_entries;
                DROP FUNCTION chain_audit_entry();
                DROP FUNCTION audit_entry_hash(bigint, timestamptz, text, text, text, text, text, text, text);
                DROP FUNCTION audit_field(text);
                """);
            migrationBuilder.DropCheckConstraint(name: "CK_audit_entries_actor_kind", table: "audit_entries");
            migrationBuilder.DropColumn(name: "actor_kind", table: "audit_entries");
            migrationBuilder.DropColumn(name: "hash", table: "audit_entries");
            migrationBuilder.DropColumn(name: "previous_hash", table: "audit_entries");
        }
    }
}
