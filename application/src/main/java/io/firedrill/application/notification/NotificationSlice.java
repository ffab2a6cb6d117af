package io.firedrill.application.notification;

import io.firedrill.application.actionitem.PostmortemLinks;
import io.firedrill.application.port.in.actionitem.ActionItemQueries;
import io.firedrill.application.port.in.drill.DrillRunQueries;
import io.firedrill.application.port.in.incident.IncidentQueries;
import io.firedrill.application.port.in.notification.AlertDigests;
import io.firedrill.application.port.in.notification.ChannelCatalog;
import io.firedrill.application.port.in.notification.DeliveryLog;
import io.firedrill.application.port.in.notification.NotificationDelivery;
import io.firedrill.application.port.in.notification.RouteCatalog;
import io.firedrill.application.port.in.notification.TemplateCatalog;
import io.firedrill.application.port.in.notification.UpdateDueReminders;
import io.firedrill.application.port.out.AlertWindows;
import io.firedrill.application.port.out.ChannelSender;
import io.firedrill.application.port.out.ChannelStore;
import io.firedrill.application.port.out.MessageTemplates;
import io.firedrill.application.port.out.Outbox;
import io.firedrill.application.port.out.RouteStore;
import io.firedrill.application.port.out.SecretSealer;
import io.firedrill.application.port.out.TemplateStore;
import io.firedrill.application.port.out.UpdateCadence;
import io.firedrill.application.slice.EventTypes;
import io.firedrill.application.slice.Processor;
import io.firedrill.application.slice.Slice;
import io.firedrill.application.slice.SliceWiring;

/**
 * Notifications out: the channels, routes and templates a tenant's admins configure, the feed that queues a message
 * per fact and channel in the outbox, and the dispatcher that sends them. It stores no events of its own.
 */
public final class NotificationSlice implements Slice {

    @Override
    public String name() {
        return "notification";
    }

    @Override
    public EventTypes<?> events() {
        return EventTypes.none("notification");
    }

    private static NotificationDispatcher dispatcher(SliceWiring wiring) {
        return new NotificationDispatcher(wiring.require(Outbox.class), wiring.require(ChannelStore.class),
                wiring.require(SecretSealer.class), wiring.require(ChannelSender.class),
                wiring.require(NotificationSettings.class), wiring.clock());
    }

    private static NoticeQueue queue(SliceWiring wiring) {
        return new NoticeQueue(wiring.port(RouteCatalog.class), (TemplateCatalogService) wiring.port(TemplateCatalog.class),
                wiring.require(MessageTemplates.class), wiring.require(Outbox.class), wiring.clock());
    }

    @Override
    public void wire(SliceWiring wiring) {
        wiring.provide(ChannelCatalog.class, () -> new ChannelCatalogService(wiring.require(ChannelStore.class),
                wiring.require(RouteStore.class), wiring.require(SecretSealer.class), wiring.require(ChannelSender.class), wiring.clock()));
        wiring.provide(RouteCatalog.class, () -> new RouteCatalogService(wiring.require(RouteStore.class),
                wiring.require(ChannelStore.class), wiring.clock()));
        wiring.provide(TemplateCatalog.class, () -> new TemplateCatalogService(wiring.require(MessageTemplates.class),
                wiring.require(TemplateStore.class), wiring.clock()));
        wiring.provide(NotificationDelivery.class, () -> dispatcher(wiring));
        wiring.provide(DeliveryLog.class, () -> (DeliveryLog) wiring.port(NotificationDelivery.class));
        wiring.provide(UpdateDueReminders.class, () -> new UpdateReminders(wiring.require(UpdateCadence.class),
                wiring.port(IncidentQueries.class), queue(wiring), wiring.require(NotificationSettings.class).updateDue(),
                wiring.clock(), wiring.continuation()));
        wiring.provide(AlertDigests.class, () -> new AlertDigestService(wiring.require(AlertWindows.class),
                wiring.port(IncidentQueries.class), queue(wiring), wiring.require(NotificationSettings.class),
                wiring.clock(), wiring.continuation()));
        wiring.processor(Processor.fromNowOn(NotificationFeed.PROCESSOR, () -> new NotificationFeed(
                wiring.port(IncidentQueries.class), queue(wiring), wiring.require(UpdateCadence.class),
                wiring.require(AlertWindows.class), new SubjectNotices(wiring, wiring.port(IncidentQueries.class),
                wiring.port(ActionItemQueries.class), wiring.port(DrillRunQueries.class),
                wiring.port(PostmortemLinks.class), queue(wiring)), wiring.require(NotificationSettings.class),
                wiring).component()));
    }
}
