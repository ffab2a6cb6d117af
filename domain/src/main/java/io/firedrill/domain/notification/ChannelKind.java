package io.firedrill.domain.notification;

/**
 * Where a channel sends, and so the message format, signing scheme and limits it follows (docs/notifications.md cites
 * each vendor's documentation).
 */
public enum ChannelKind {
    /** A Slack incoming webhook; the URL is the secret. Block Kit messages. */
    SLACK(SigningSecret.NONE),
    /** A Feishu or Lark custom bot with signature verification on: the bot's secret signs every message. */
    FEISHU(SigningSecret.GIVEN),
    /** A DingTalk custom robot with the "sign" security setting: the robot's secret signs every message. */
    DINGTALK(SigningSecret.GIVEN),
    /** A WeCom group robot; the URL's key is the secret. Markdown messages. */
    WECOM(SigningSecret.NONE),
    /** A Microsoft Teams channel through a Workflows webhook; the URL's signature is the secret. Adaptive Cards. */
    TEAMS(SigningSecret.NONE),
    /** Any HTTPS endpoint, signed per the Standard Webhooks specification with a secret Firedrill issues. */
    WEBHOOK(SigningSecret.ISSUED);

    /** Where a kind's signing secret comes from. */
    public enum SigningSecret {
        /** The kind signs nothing: the URL carries the credential. */
        NONE,
        /** The vendor shows the secret; the admin gives it with the channel. */
        GIVEN,
        /** Firedrill issues the secret when the channel is created and shows it once. */
        ISSUED
    }

    private final SigningSecret signingSecret;

    ChannelKind(SigningSecret signingSecret) {
        this.signingSecret = signingSecret;
    }

    public SigningSecret signingSecret() {
        return signingSecret;
    }
}
