-- A published version of a review is immutable: the database refuses to change or remove it.
CREATE TRIGGER "ReviewVersion_immutable" BEFORE UPDATE OR DELETE ON "ReviewVersion" FOR EACH ROW EXECUTE FUNCTION ferrite_refuse_change();
CREATE TRIGGER "ReviewVersion_no_truncate" BEFORE TRUNCATE ON "ReviewVersion" FOR EACH STATEMENT EXECUTE FUNCTION ferrite_refuse_change();
