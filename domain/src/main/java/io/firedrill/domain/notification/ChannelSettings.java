package io.firedrill.domain.notification;

import io.firedrill.domain.shared.FieldText;

/**
 * What an admin chooses for a channel besides its destination. Validation messages start with the field's name.
 *
 * @param language the language of its messages; English when not given
 * @param drills whether drill traffic may reach it: a channel receives drill messages only when it opts in
 */
public record ChannelSettings(String name, ChannelKind kind, MessageLanguage language, boolean drills) {

    public static final int NAME_MAX = 200;

    public ChannelSettings {
        name = FieldText.required(name, "name", NAME_MAX);
        if (kind == null) {
            throw new IllegalArgumentException("kind must be one of SLACK, FEISHU, DINGTALK, WECOM, TEAMS, WEBHOOK");
        }
        language = language == null ? MessageLanguage.EN : language;
    }
}
