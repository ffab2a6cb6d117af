package io.firedrill.application.port.in.notification;

import io.firedrill.application.port.in.NotFound;

/** The tenant has no override of this template. */
public final class TemplateNotFound extends NotFound {

    public TemplateNotFound(TemplateCatalog.Key key) {
        super("The tenant has no template for " + key.type().wireName() + " in " + key.language().wireName()
                + (key.kind() == null ? "" : " for " + key.kind()) + "; the built-in one applies.");
    }
}
