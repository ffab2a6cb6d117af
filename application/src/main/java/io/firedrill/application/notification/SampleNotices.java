package io.firedrill.application.notification;

import io.firedrill.domain.notification.Notice;
import io.firedrill.domain.notification.NoticeType;
import java.time.Instant;
import java.util.List;

/**
 * A sample notice of every type, with every field its real notices carry: templates are checked against it when they
 * are saved, and previews render it.
 */
final class SampleNotices {

    private static final Instant AT = Instant.parse("2026-10-05T10:00:00Z");

    private SampleNotices() {
    }

    static Notice of(NoticeType type) {
        Notice.Incident incident = new Notice.Incident("0b9f6f7e-5d1c-4c4e-9a7e-3f1d2c3b4a59", "INC-2026-0042",
                "Checkout latency above 2 s", "p99 latency of the checkout API doubled after the 09:40 deploy", "P1",
                type == NoticeType.SEVERITY_CHANGED ? "P2" : "", status(type), List.of("checkout", "payments"),
                "alice", "dave", AT.minusSeconds(1_200));
        Notice.Subject subject = switch (type) {
            case POSTMORTEM_PUBLISHED -> new Notice.Subject("postmortem", "6d1f3c9a-2b7e-4f8d-9c0a-1e2f3a4b5c6d",
                    "Checkout latency after the 09:40 deploy", "alice", "", "PUBLISHED");
            case ACTION_ITEM_OVERDUE -> new Notice.Subject("action-item", "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
                    "Add a canary stage to checkout deploys", "bob", "2026-10-12", "IN_PROGRESS");
            case DRILL_RUN_FINISHED, DRILL_RUN_AWAITING_REVIEW -> new Notice.Subject("drill-run",
                    "3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f", "Payments database failover", "carol", "", "PASSED");
            default -> null;
        };
        boolean aboutIncident = type.aboutIncident() || type == NoticeType.POSTMORTEM_PUBLISHED
                || type == NoticeType.ACTION_ITEM_OVERDUE;
        String text = switch (type) {
            case STATUS_UPDATE_INTERNAL -> "Rolled back the 09:40 deploy; latency is falling. Next update 10:15.";
            case STATUS_UPDATE_EXTERNAL -> "Some checkouts were slow between 09:40 and 10:00. Service is recovering.";
            case INCIDENT_RESOLVED, MITIGATION_STARTED -> "Rolled back the 09:40 deploy.";
            case INCIDENT_REOPENED -> "Latency rose again after the cache warmed.";
            case UPDATE_DUE -> "2026-10-05 09:45 UTC";
            case ALERTS_JOINED -> "CheckoutLatencyHigh, CheckoutErrorRate";
            default -> "";
        };
        return new Notice(type, AT, type == NoticeType.UPDATE_DUE || type == NoticeType.ACTION_ITEM_OVERDUE
                ? "firedrill" : "alice", type == NoticeType.DRILL_RUN_FINISHED || type == NoticeType.DRILL_RUN_AWAITING_REVIEW,
                aboutIncident ? incident : null, subject, text, type == NoticeType.ALERTS_JOINED ? 37 : 1,
                "https://firedrill.example.com/incidents/0b9f6f7e-5d1c-4c4e-9a7e-3f1d2c3b4a59");
    }

    private static String status(NoticeType type) {
        return switch (type) {
            case INCIDENT_RESOLVED -> "RECOVERED";
            case MITIGATION_STARTED, STATUS_UPDATE_INTERNAL, STATUS_UPDATE_EXTERNAL -> "MITIGATING";
            default -> "DETECTED";
        };
    }
}
