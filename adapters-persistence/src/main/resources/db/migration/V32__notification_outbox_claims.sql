-- A claim's token (issue 25): an attempt is recorded only by the claim that sent it, so that an instance whose lease
-- lapsed cannot overwrite what the instance that claimed the message after it recorded.
ALTER TABLE notification_outbox ADD COLUMN claim_token UUID;
