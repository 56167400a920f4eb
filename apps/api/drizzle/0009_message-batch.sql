-- A reply that continues another after an approval keeps that reply's activity batch, so a chain
-- of approvals in one turn is one undo (null: the reply's own id).
ALTER TABLE "messages" ADD COLUMN "batch_id" integer;
