package io.firedrill.domain.actionitem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.firedrill.domain.actionitem.ActionItemCommand.AmendActionItem;
import io.firedrill.domain.actionitem.ActionItemCommand.BlockActionItem;
import io.firedrill.domain.actionitem.ActionItemCommand.CancelActionItem;
import io.firedrill.domain.actionitem.ActionItemCommand.CompleteActionItem;
import io.firedrill.domain.actionitem.ActionItemCommand.CreateActionItem;
import io.firedrill.domain.actionitem.ActionItemCommand.ReassignActionItem;
import io.firedrill.domain.actionitem.ActionItemCommand.RecordOverdue;
import io.firedrill.domain.actionitem.ActionItemCommand.RemindDueSoon;
import io.firedrill.domain.actionitem.ActionItemCommand.ReopenActionItem;
import io.firedrill.domain.actionitem.ActionItemCommand.RescheduleActionItem;
import io.firedrill.domain.actionitem.ActionItemCommand.StartActionItem;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemBecameOverdue;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemBlocked;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemCancelled;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemCompleted;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemCreated;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemDueDateChanged;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemDueSoon;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemOwnerChanged;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemReopened;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemStarted;
import io.firedrill.domain.actionitem.ActionItemRuleViolation.Rule;
import io.firedrill.domain.shared.Actor;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ActionItemDeciderTest {

    private static final ActionItemId ID = new ActionItemId(UUID.fromString("2c9a1f0e-0000-4000-8000-000000000001"));
    private static final Actor ALICE = Actor.user("alice");
    private static final Actor SCHEDULER = Actor.system("scheduler");
    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private static final LocalDate DUE = LocalDate.parse("2026-12-10");

    private static ActionItemCreated created() {
        return new ActionItemCreated(ID, ALICE, "Add a timeout to the payment client", null, "bob", DUE,
                Priority.HIGH, ActionKind.CORRECTIVE, null, null, NOW);
    }

    private static List<ActionItemEvent> decide(List<ActionItemEvent> history, ActionItemCommand command) {
        return ActionItemDecider.decide(command, ActionItemDecider.fold(history), NOW);
    }

    private static ActionItem after(List<ActionItemEvent> history, List<ActionItemEvent> events) {
        List<ActionItemEvent> all = new ArrayList<>(history);
        all.addAll(events);
        return ActionItemDecider.fold(all);
    }

    private static Rule refused(List<ActionItemEvent> history, ActionItemCommand command) {
        ActionItemRuleViolation violation = catchThrowableOfType(ActionItemRuleViolation.class, () -> decide(history, command));
        assertThat(violation).as("decide must refuse %s", command).isNotNull();
        return violation.rule();
    }

    @Test
    void givenNothing_whenCreate_thenCreatedNotStartedAndNotOverdueBeforeItsDueDate() {
        CreateActionItem create = new CreateActionItem(ID, ALICE, "Add a timeout to the payment client", null, "bob",
                DUE, Priority.HIGH, ActionKind.CORRECTIVE, null, null);

        List<ActionItemEvent> events = decide(List.of(), create);

        assertThat(events).containsExactly(created());
        ActionItem state = after(List.of(), events);
        assertThat(state.status()).isEqualTo(ActionItemStatus.NOT_STARTED);
        assertThat(state.overdue(DUE)).isFalse();
        assertThat(state.overdue(DUE.plusDays(1))).isTrue();
    }

    @Test
    void givenNothing_whenCreateDueYesterday_thenRefused() {
        assertThat(refused(List.of(), new CreateActionItem(ID, ALICE, "t", null, "bob", LocalDate.parse("2026-11-30"),
                Priority.LOW, ActionKind.PREVENTIVE, null, null))).isEqualTo(Rule.DUE_DATE_BEFORE_CREATION);
    }

    @Test
    void givenCreated_whenCreatedAgain_thenRefused() {
        assertThat(refused(List.of(created()), new CreateActionItem(ID, ALICE, "t", null, "bob", DUE, Priority.LOW,
                ActionKind.PREVENTIVE, null, null))).isEqualTo(Rule.ACTION_ITEM_ALREADY_CREATED);
    }

    @Test
    void givenNothing_whenStart_thenRefusedAsNotCreated() {
        assertThat(refused(List.of(), new StartActionItem(ID, ALICE))).isEqualTo(Rule.ACTION_ITEM_NOT_CREATED);
    }

    @Test
    void givenNotStarted_whenStartThenCompleteThenCompleteAgain_thenStartedCompletedAndNothingMore() {
        List<ActionItemEvent> history = new ArrayList<>(List.of(created()));
        history.addAll(decide(history, new StartActionItem(ID, ALICE)));
        history.addAll(decide(history, new CompleteActionItem(ID, ALICE)));

        assertThat(history).containsExactly(created(), new ActionItemStarted(ID, ALICE, NOW),
                new ActionItemCompleted(ID, ALICE, NOW));
        assertThat(decide(history, new CompleteActionItem(ID, ALICE))).isEmpty();
        ActionItem state = ActionItemDecider.fold(history);
        assertThat(state.status()).isEqualTo(ActionItemStatus.COMPLETED);
        assertThat(state.completedAt()).isEqualTo(NOW);
        assertThat(state.overdue(DUE.plusDays(30))).as("a completed item is never overdue").isFalse();
    }

    @Test
    void givenInProgress_whenBlockedThenStarted_thenBlockedWithReasonThenResumed() {
        List<ActionItemEvent> history = List.of(created(), new ActionItemStarted(ID, ALICE, NOW));

        List<ActionItemEvent> blocked = decide(history, new BlockActionItem(ID, ALICE, "waiting for the vendor"));

        assertThat(blocked).containsExactly(new ActionItemBlocked(ID, ALICE, "waiting for the vendor", NOW));
        assertThat(after(history, blocked).reason()).isEqualTo("waiting for the vendor");
        List<ActionItemEvent> resumed = decide(concat(history, blocked), new StartActionItem(ID, ALICE));
        assertThat(resumed).containsExactly(new ActionItemStarted(ID, ALICE, NOW));
        assertThat(after(concat(history, blocked), resumed).reason()).isNull();
    }

    @Test
    void givenCompleted_whenCancelOrBlockOrReassignOrReschedule_thenRefusedAsIllegal() {
        List<ActionItemEvent> completed = List.of(created(), new ActionItemCompleted(ID, ALICE, NOW));

        assertThat(refused(completed, new CancelActionItem(ID, ALICE, "x"))).isEqualTo(Rule.ILLEGAL_TRANSITION);
        assertThat(refused(completed, new BlockActionItem(ID, ALICE, "x"))).isEqualTo(Rule.ILLEGAL_TRANSITION);
        assertThat(refused(completed, new ReassignActionItem(ID, ALICE, "carol"))).isEqualTo(Rule.ILLEGAL_TRANSITION);
        assertThat(refused(completed, new RescheduleActionItem(ID, ALICE, DUE.plusDays(1)))).isEqualTo(Rule.ILLEGAL_TRANSITION);
        assertThat(refused(completed, new StartActionItem(ID, ALICE))).isEqualTo(Rule.ILLEGAL_TRANSITION);
    }

    @Test
    void givenCancelled_whenReopen_thenReopenedNotStartedAndCounted() {
        List<ActionItemEvent> cancelled = List.of(created(), new ActionItemCancelled(ID, ALICE, "superseded", NOW));

        List<ActionItemEvent> reopened = decide(cancelled, new ReopenActionItem(ID, ALICE, "still needed"));

        assertThat(reopened).containsExactly(new ActionItemReopened(ID, ALICE, "still needed", NOW));
        ActionItem state = after(cancelled, reopened);
        assertThat(state.status()).isEqualTo(ActionItemStatus.NOT_STARTED);
        assertThat(state.reopened()).isEqualTo(1);
        assertThat(refused(List.of(created()), new ReopenActionItem(ID, ALICE, null))).isEqualTo(Rule.ILLEGAL_TRANSITION);
        assertThat(refused(cancelled, new CompleteActionItem(ID, ALICE))).isEqualTo(Rule.ILLEGAL_TRANSITION);
    }

    @Test
    void givenOpen_whenReassignedAndRescheduled_thenBothAreFactsWithBeforeAndAfter() {
        List<ActionItemEvent> history = List.of(created());

        assertThat(decide(history, new ReassignActionItem(ID, ALICE, "carol")))
                .containsExactly(new ActionItemOwnerChanged(ID, ALICE, "bob", "carol", NOW));
        assertThat(decide(history, new ReassignActionItem(ID, ALICE, "bob"))).isEmpty();
        assertThat(decide(history, new RescheduleActionItem(ID, ALICE, DUE.plusDays(7))))
                .containsExactly(new ActionItemDueDateChanged(ID, ALICE, DUE, DUE.plusDays(7), NOW));
        assertThat(decide(history, new RescheduleActionItem(ID, ALICE, DUE))).isEmpty();
    }

    @Test
    void givenOpen_whenAmendedWithOwnerAndDueDate_thenBothFactsTogether() {
        List<ActionItemEvent> history = List.of(created());

        assertThat(decide(history, new AmendActionItem(ID, ALICE, "carol", DUE.plusDays(7)))).containsExactly(
                new ActionItemOwnerChanged(ID, ALICE, "bob", "carol", NOW),
                new ActionItemDueDateChanged(ID, ALICE, DUE, DUE.plusDays(7), NOW));
        assertThat(decide(history, new AmendActionItem(ID, ALICE, "bob", null))).isEmpty();
        assertThat(decide(history, new AmendActionItem(ID, ALICE, null, DUE.plusDays(1))))
                .containsExactly(new ActionItemDueDateChanged(ID, ALICE, DUE, DUE.plusDays(1), NOW));
    }

    @Test
    void givenOpen_whenAmendedWithAPastDueDate_thenRefusedAndNotEvenTheOwnerChanges() {
        List<ActionItemEvent> history = List.of(created());
        LocalDate yesterday = LocalDate.parse("2026-11-30");

        assertThat(refused(history, new AmendActionItem(ID, ALICE, "carol", yesterday))).isEqualTo(Rule.DUE_DATE_IN_PAST);
        assertThat(refused(history, new RescheduleActionItem(ID, ALICE, yesterday))).isEqualTo(Rule.DUE_DATE_IN_PAST);
    }

    @Test
    void amendWithNothingToChange_isRefusedNamingTheFields() {
        assertThatThrownBy(() -> new AmendActionItem(ID, ALICE, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("body must name an owner");
        assertThat(new AmendActionItem(ID, ALICE, "  carol ", null).owner()).isEqualTo("carol");
        assertThatThrownBy(() -> new AmendActionItem(ID, ALICE, " ", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("owner must not be blank");
    }

    @Test
    void givenPastItsDueDate_whenTheSchedulerRecordsOverdueTwice_thenOnceForThatDueDate() {
        List<ActionItemEvent> history = new ArrayList<>(List.of(created()));
        LocalDate dayAfter = DUE.plusDays(1);

        assertThat(decide(history, new RecordOverdue(ID, SCHEDULER, DUE))).as("not overdue on its due date").isEmpty();
        history.addAll(decide(history, new RecordOverdue(ID, SCHEDULER, dayAfter)));
        assertThat(history).last().isEqualTo(new ActionItemBecameOverdue(ID, SCHEDULER, DUE, NOW));
        assertThat(decide(history, new RecordOverdue(ID, SCHEDULER, dayAfter.plusDays(3)))).isEmpty();

        history.add(new ActionItemDueDateChanged(ID, ALICE, DUE, DUE.plusDays(5), NOW));
        assertThat(decide(history, new RecordOverdue(ID, SCHEDULER, DUE.plusDays(6))))
                .as("a new due date can become overdue again")
                .containsExactly(new ActionItemBecameOverdue(ID, SCHEDULER, DUE.plusDays(5), NOW));
    }

    @Test
    void givenCompletedPastItsDueDate_whenTheSchedulerRecordsOverdue_thenNothing() {
        List<ActionItemEvent> history = List.of(created(), new ActionItemCompleted(ID, ALICE, NOW));

        assertThat(decide(history, new RecordOverdue(ID, SCHEDULER, DUE.plusDays(3)))).isEmpty();
    }

    @Test
    void givenTwoDaysBeforeItsDueDate_whenTheSchedulerReminds_thenOnceForThatDueDate() {
        List<ActionItemEvent> history = new ArrayList<>(List.of(created()));

        assertThat(decide(history, new RemindDueSoon(ID, SCHEDULER, DUE.minusDays(3), 2))).as("too early").isEmpty();
        history.addAll(decide(history, new RemindDueSoon(ID, SCHEDULER, DUE.minusDays(2), 2)));
        assertThat(history).last().isEqualTo(new ActionItemDueSoon(ID, SCHEDULER, DUE, NOW));
        assertThat(decide(history, new RemindDueSoon(ID, SCHEDULER, DUE.minusDays(1), 2))).isEmpty();
        assertThat(decide(List.of(created()), new RemindDueSoon(ID, SCHEDULER, DUE.plusDays(1), 2)))
                .as("past the due date it is overdue, not due soon").isEmpty();
    }

    @Test
    void givenInvalidFields_whenCreatingTheCommand_thenRefusedNamingTheField() {
        assertThatThrownBy(() -> new CreateActionItem(ID, ALICE, " ", null, "bob", DUE, Priority.LOW, ActionKind.CORRECTIVE,
                null, null)).hasMessageStartingWith("title");
        assertThatThrownBy(() -> new CreateActionItem(ID, ALICE, "t", null, "", DUE, Priority.LOW, ActionKind.CORRECTIVE,
                null, null)).hasMessageStartingWith("owner");
        assertThatThrownBy(() -> new CreateActionItem(ID, ALICE, "t", null, "bob", null, Priority.LOW,
                ActionKind.CORRECTIVE, null, null)).hasMessageStartingWith("dueDate");
        assertThatThrownBy(() -> new CreateActionItem(ID, ALICE, "t", null, "bob", DUE, null, ActionKind.CORRECTIVE,
                null, null)).hasMessageStartingWith("priority");
        assertThatThrownBy(() -> new BlockActionItem(ID, ALICE, null)).hasMessageStartingWith("reason");
        assertThatThrownBy(() -> new CancelActionItem(ID, ALICE, "x".repeat(2_001))).hasMessageStartingWith("reason");
    }

    private static List<ActionItemEvent> concat(List<ActionItemEvent> a, List<ActionItemEvent> b) {
        List<ActionItemEvent> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
