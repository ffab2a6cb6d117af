package io.firedrill.application.postmortem;

import io.firedrill.application.command.CommandContext;
import io.firedrill.application.command.CommandSender;
import io.firedrill.application.command.ProjectedRows;
import io.firedrill.domain.incident.IncidentRuleViolation;
import io.firedrill.domain.postmortem.PostmortemEvent;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemPublished;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.Source;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.axonframework.conversion.Converter;
import org.axonframework.messaging.core.QualifiedName;
import org.axonframework.messaging.eventhandling.EventHandlingComponent;

/**
 * When a postmortem is published, marks its incident reviewed: the automation that makes publishing and
 * reviewing one outcome even when the instance that published crashed before the second step. Publishing
 * usually marks the incident itself; then this changes nothing ({@code MarkReviewed} for the same postmortem
 * is a retry). An incident that can no longer be marked (it was reopened in between) is logged and skipped.
 */
public final class PostmortemReviewProcessor {

    /** The processor's name, under which its tokens are stored. */
    public static final String PROCESSOR = "postmortem-review";

    private static final System.Logger LOG = System.getLogger(PostmortemReviewProcessor.class.getName());

    private final ProjectedRows<PostmortemEvent> handling;

    /** @param continuation where handling goes on after a command; never an event loop thread */
    public PostmortemReviewProcessor(Postmortems postmortems, Converter converter, Executor continuation) {
        this.handling = new ProjectedRows<>(Set.of(new QualifiedName("postmortem.PostmortemPublished")),
                message -> PostmortemMessages.eventOf(message, converter)
                        .filter(PostmortemPublished.class::isInstance),
                PostmortemEvent::postmortemId,
                (tenant, event, position) -> {
                    CommandContext context = new CommandContext(tenant, Actor.system("postmortem-review"),
                            Source.SCHEDULER, null, null, null);
                    return postmortems.incidentOf(tenant, event.postmortemId())
                            .thenCompose(incident -> postmortems.markReviewed(context, incident, event.postmortemId(),
                                    event.by()))
                            .handle((outcome, failure) -> {
                                if (failure != null && CommandSender.unwrap(failure) instanceof IncidentRuleViolation broken) {
                                    LOG.log(Level.WARNING, "Postmortem " + event.postmortemId()
                                            + " is published but its incident cannot be marked reviewed: " + broken.getMessage());
                                    return null;
                                }
                                if (failure != null) {
                                    throw new java.util.concurrent.CompletionException(CommandSender.unwrap(failure));
                                }
                                return Optional.empty();
                            })
                            .thenApply(ignored -> (Void) null);
                },
                continuation);
    }

    /** The event handling component to run in a streaming processor. */
    public EventHandlingComponent component() {
        return handling.component();
    }

}
