-- The drill review reminder's candidates (issue 22): ended runs without a review, longest waiting first, across tenants.
CREATE INDEX drill_run_view_awaiting_review ON drill_run_view (ended_at) WHERE reviewed_at IS NULL AND status <> 'RUNNING';
