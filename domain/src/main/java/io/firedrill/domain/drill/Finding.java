package io.firedrill.domain.drill;

import java.util.UUID;

/**
 * What a drill run's review found: a title (1–200 characters), an optional detail (up to 4,000), and either the action
 * item created for it (its id) or the reason it is waived (1–2,000 characters), never both.
 */
public record Finding(String title, String detail, UUID actionItemId, String waivedReason) {

    public Finding {
        title = Fields.text(title, "title", 200);
        detail = Fields.optional(detail, "detail", DrillStep.TEXT_MAX);
        waivedReason = Fields.optional(waivedReason, "waivedReason", 2_000);
        if ((actionItemId == null) == (waivedReason == null)) {
            throw new IllegalArgumentException("actionItem must be given, or waived with a reason, not both");
        }
    }
}
