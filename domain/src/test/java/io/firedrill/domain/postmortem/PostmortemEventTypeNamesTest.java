package io.firedrill.domain.postmortem;

import static io.firedrill.domain.postmortem.PostmortemFixtures.ALICE;
import static io.firedrill.domain.postmortem.PostmortemFixtures.ID;
import static io.firedrill.domain.postmortem.PostmortemFixtures.INCIDENT;
import static io.firedrill.domain.postmortem.PostmortemFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.domain.postmortem.PostmortemEvent.ChangesRequested;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemApproved;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemDrafted;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemEdited;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemPublished;
import io.firedrill.domain.postmortem.PostmortemEvent.PrefillRefreshed;
import io.firedrill.domain.postmortem.PostmortemEvent.SubmittedForReview;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostmortemEventTypeNamesTest {

    @Test
    void givenEveryEventType_whenAskingItsStoredName_thenPostmortemPrefixAndSimpleNameAndBackAgain() {
        List<String> names = Arrays.stream(PostmortemEvent.class.getPermittedSubclasses())
                .map(type -> "postmortem." + type.getSimpleName())
                .toList();

        assertThat(PostmortemEvent.typeNames()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(names);
        for (Class<?> type : PostmortemEvent.class.getPermittedSubclasses()) {
            assertThat(PostmortemEvent.typeFor("postmortem." + type.getSimpleName()))
                    .contains(type.asSubclass(PostmortemEvent.class));
        }
        assertThat(PostmortemEvent.typeFor("postmortem.Unknown")).isEmpty();
        assertThat(PostmortemEvent.typeFor("incident.IncidentDeclared")).isEmpty();
    }

    @Test
    void givenOneEventOfEveryType_whenAskingTypeName_thenTheSwitchMatchesTheRecordItNamesAtVersionOne() {
        Prefill prefill = Prefill.from(PostmortemFixtures.incidentLog());
        List<PostmortemEvent> events = List.of(
                new PostmortemDrafted(ID, ALICE, INCIDENT, prefill, T0),
                new PrefillRefreshed(ID, ALICE, prefill, T0),
                new PostmortemEdited(ID, ALICE, SectionsPatch.NONE.withSummary("s"), T0),
                new SubmittedForReview(ID, ALICE, List.of(), T0),
                new PostmortemApproved(ID, ALICE, null, T0),
                new ChangesRequested(ID, ALICE, "c", T0),
                new PostmortemPublished(ID, ALICE, T0));

        assertThat(events).extracting(PostmortemEvent::getClass).doesNotHaveDuplicates()
                .hasSize(PostmortemEvent.class.getPermittedSubclasses().length);
        for (PostmortemEvent event : events) {
            assertThat(event.typeName()).isEqualTo("postmortem." + event.getClass().getSimpleName());
            assertThat(PostmortemEvent.typeFor(event.typeName())).contains(event.getClass());
            assertThat(event.schemaVersion()).isEqualTo(1);
        }
        assertThat(events).extracting(PostmortemEvent::typeName).containsExactlyElementsOf(PostmortemEvent.typeNames());
    }
}
