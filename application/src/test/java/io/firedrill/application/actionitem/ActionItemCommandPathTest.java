package io.firedrill.application.actionitem;

import static io.firedrill.application.testing.SliceFixture.ALICE;

import io.firedrill.application.testing.SliceFixture;
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
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The action item command path without Quarkus or a database. */
class ActionItemCommandPathTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final ActionItemId ID = new ActionItemId(UUID.fromString("7f000000-0000-4000-8000-000000000001"));
    private static final LocalDate DUE = LocalDate.parse("2026-12-10");

    private final SliceFixture fixture = SliceFixture.at(NOW);

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static ActionItemCreated created() {
        return new ActionItemCreated(ID, ALICE, "Add a timeout", null, "bob", DUE, Priority.HIGH, ActionKind.CORRECTIVE,
                null, null, NOW);
    }

    @Test
    void givenNothing_whenCreate_thenActionItemCreated() {
        fixture.given()
                .when(new CreateActionItem(ID, ALICE, "Add a timeout", null, "bob", DUE, Priority.HIGH,
                        ActionKind.CORRECTIVE, null, null))
                .then(created());
    }

    @Test
    void givenCreated_whenComplete_thenActionItemCompleted() {
        fixture.given(created())
                .when(new CompleteActionItem(ID, ALICE))
                .then(new ActionItemCompleted(ID, ALICE, NOW));
    }

    @Test
    void givenCompleted_whenStart_thenIllegalTransition() {
        fixture.given(created(), new ActionItemCompleted(ID, ALICE, NOW))
                .when(new StartActionItem(ID, ALICE))
                .thenRule("ILLEGAL_TRANSITION");
    }
}
