package io.firedrill.application.actionitem;

import static io.firedrill.application.testing.Contexts.ACME;
import static io.firedrill.application.testing.Contexts.ALICE;
import static io.firedrill.application.testing.Contexts.BOB;
import static io.firedrill.application.testing.Contexts.api;
import static io.firedrill.application.testing.Incidents.NOW;

import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.testing.CommandFixture;
import io.firedrill.application.testing.Incidents;
import io.firedrill.domain.actionitem.ActionItemCommand.CompleteActionItem;
import io.firedrill.domain.actionitem.ActionItemCommand.CreateActionItem;
import io.firedrill.domain.actionitem.ActionItemCommand.StartActionItem;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemCompleted;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemCreated;
import io.firedrill.domain.actionitem.ActionItemId;
import io.firedrill.domain.actionitem.ActionKind;
import io.firedrill.domain.actionitem.Priority;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The action item slice's command path: commands through Axon's gateway, events read back from the event store. */
class ActionItemSliceTest {

    private static final ActionItemId ID = ActionItemId.parse("2c9a1f0e-0000-4000-8000-000000000001");
    private static final String TITLE = "Add a timeout to the payments client";
    private static final LocalDate DUE = LocalDate.parse("2026-03-31");
    private static final Instant CREATED_AT = Incidents.t(24 * 60);
    private static final CommandContext ALICE_AT_ACME = api(ACME, ALICE);
    private static final CommandContext BOB_AT_ACME = api(ACME, BOB);

    @AutoClose
    private final CommandFixture fixture = CommandFixture.at(NOW);

    private static ActionItemCreated created() {
        return new ActionItemCreated(ID, ALICE, TITLE, null, "bob", DUE, Priority.HIGH, ActionKind.CORRECTIVE,
                Incidents.ID, null, CREATED_AT);
    }

    @Test
    void givenNothing_whenCreate_thenActionItemCreatedOwnedAndDue() {
        fixture.given(ALICE_AT_ACME)
                .when(new CreateActionItem(ID, ALICE, TITLE, null, "bob", DUE, Priority.HIGH, ActionKind.CORRECTIVE,
                        Incidents.ID, null), ALICE_AT_ACME)
                .then(new ActionItemCreated(ID, ALICE, TITLE, null, "bob", DUE, Priority.HIGH, ActionKind.CORRECTIVE,
                        Incidents.ID, null, NOW))
                .storedAs("actionitem.ActionItemCreated");
    }

    @Test
    void givenCreated_whenComplete_thenActionItemCompleted() {
        fixture.given(ALICE_AT_ACME, created())
                .when(new CompleteActionItem(ID, BOB), BOB_AT_ACME)
                .then(new ActionItemCompleted(ID, BOB, NOW))
                .storedAs("actionitem.ActionItemCompleted");
    }

    @Test
    void givenCompleted_whenStart_thenIllegalTransition() {
        fixture.given(ALICE_AT_ACME, created())
                .and(BOB_AT_ACME, new ActionItemCompleted(ID, BOB, CREATED_AT.plusSeconds(3_600)))
                .when(new StartActionItem(ID, BOB), BOB_AT_ACME)
                .thenRule("ILLEGAL_TRANSITION");
    }

    @Test
    void givenNothing_whenComplete_thenNotFound() {
        fixture.given(ALICE_AT_ACME)
                .when(new CompleteActionItem(ID, BOB), BOB_AT_ACME)
                .thenNotFound();
    }
}
