package io.firedrill.bootstrap.axon;

import io.firedrill.application.slice.ProjectedRows;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.axonframework.messaging.core.MessageStream;
import org.axonframework.messaging.core.unitofwork.ProcessingContext;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventhandling.processing.streaming.token.TrackingToken;
import org.axonframework.messaging.eventstreaming.StreamableEventSource;
import org.axonframework.messaging.eventstreaming.StreamingCondition;

/**
 * The event log as event processors read it, with each event's log position copied into its in-flight
 * metadata ({@link ProjectedRows#POSITION}); the stored event is unchanged.
 *
 * <p>Why: Axon 5.0.1's pooled processor gives every handler of a batch the batch's last token in its context
 * (AxonFramework issue #4323, fixed in 5.1.1, which this registry does not serve), so a handler cannot tell its
 * own event's position from the context once batches hold more than one event. The entries this source opens
 * still carry their own tokens, and the metadata travels with the message to the handler.
 */
final class PositionStampedEventSource implements StreamableEventSource {

    private final StreamableEventSource delegate;

    PositionStampedEventSource(StreamableEventSource delegate) {
        this.delegate = delegate;
    }

    @Override
    public MessageStream<EventMessage> open(StreamingCondition condition, ProcessingContext context) {
        return delegate.open(condition, context).map(entry -> {
            String position = TrackingToken.fromContext(entry)
                    .flatMap(token -> token.position().isPresent()
                            ? java.util.Optional.of(String.valueOf(token.position().getAsLong()))
                            : java.util.Optional.empty())
                    .orElse(null);
            return position == null ? entry
                    : entry.map(message -> message.andMetadata(Map.of(ProjectedRows.POSITION, position)));
        });
    }

    @Override
    public CompletableFuture<TrackingToken> firstToken(ProcessingContext context) {
        return delegate.firstToken(context);
    }

    @Override
    public CompletableFuture<TrackingToken> latestToken(ProcessingContext context) {
        return delegate.latestToken(context);
    }

    @Override
    public CompletableFuture<TrackingToken> tokenAt(Instant at, ProcessingContext context) {
        return delegate.tokenAt(at, context);
    }
}
