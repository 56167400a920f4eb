CREATE TABLE "mcp_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"client_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mcp_sessions" ADD CONSTRAINT "mcp_sessions_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mcp_sessions_principal_idx" ON "mcp_sessions" USING btree ("user_id","client_id");--> statement-breakpoint
CREATE INDEX "mcp_sessions_last_seen_idx" ON "mcp_sessions" USING btree ("last_seen_at");--> statement-breakpoint
-- Every replica LISTENs: a session that ends (DELETE /mcp, idle expiry, revocation, user
-- deletion) stops its open calls wherever they run.
CREATE FUNCTION mcp_session_ended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('todo_mcp', json_build_object('ended', OLD.id)::text);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER mcp_sessions_ended AFTER DELETE ON mcp_sessions FOR EACH ROW
  EXECUTE FUNCTION mcp_session_ended();--> statement-breakpoint
-- A revoked personal key ends the sessions it opened, in the revoking transaction.
CREATE FUNCTION mcp_sessions_end_for_api_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM mcp_sessions WHERE user_id = NEW.user_id AND client_id = 'api_key:' || NEW.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER api_keys_end_mcp_sessions AFTER UPDATE OF revoked_at ON api_keys FOR EACH ROW
  WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL)
  EXECUTE FUNCTION mcp_sessions_end_for_api_key();--> statement-breakpoint
-- A connected app's consent going (Connected apps → Disconnect) ends that client's sessions.
CREATE FUNCTION mcp_sessions_end_for_oauth_consent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM mcp_sessions WHERE user_id = OLD.user_id AND client_id = 'oauth:' || OLD.client_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER oauth_consent_end_mcp_sessions AFTER DELETE ON oauth_consent FOR EACH ROW
  EXECUTE FUNCTION mcp_sessions_end_for_oauth_consent();
