package io.firedrill.domain.alert;

import java.util.Objects;

/** An alert of a delivery, with the grouping key its integration's rule gave it. */
public record ReceivedAlert(Alert alert, String groupingKey) {

    public ReceivedAlert {
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(groupingKey, "groupingKey");
    }
}
