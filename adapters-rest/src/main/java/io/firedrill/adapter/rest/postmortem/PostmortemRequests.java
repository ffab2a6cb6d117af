package io.firedrill.adapter.rest.postmortem;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.firedrill.domain.postmortem.Impact;
import io.firedrill.domain.postmortem.Lessons;
import io.firedrill.domain.postmortem.PlannedAction;
import io.firedrill.domain.postmortem.SectionsPatch;
import io.firedrill.domain.postmortem.Statement;
import io.firedrill.domain.postmortem.Why;
import java.util.List;

/** The bodies the postmortem endpoints accept. */
final class PostmortemRequests {

    private PostmortemRequests() {
    }

    /**
     * {@code PATCH}: any subset of the sections (the public contract). An absent or {@code null} section is left
     * as it is; a present one replaces it wholly; an empty one ({@code ""}, {@code []}) clears it.
     */
    record Edit(String summary, Impact impact, Cause directCause, List<Why> fiveWhys, List<String> contributingFactors,
                List<PlannedAction> actions, Lessons lessons, List<String> references) {

        SectionsPatch patch() {
            return new SectionsPatch(summary, impact, directCause == null ? null : directCause.statement(), fiveWhys,
                    contributingFactors, actions, lessons, references);
        }
    }

    /** The direct cause: {@code {"text": "...", "evidence": ["<event id>"]}} or just its text. */
    record Cause(String text, List<String> evidence) {

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Cause of(String text) {
            return new Cause(text, List.of());
        }

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        Cause {
        }

        Statement statement() {
            return new Statement(text == null ? "" : text, evidence);
        }
    }

    /** A reviewer's comment: optional to approve, required to request changes. */
    record Comment(String comment) {
    }
}
