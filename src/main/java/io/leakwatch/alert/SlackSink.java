package io.leakwatch.alert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leakwatch.files.Json;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * Posts alerts to a Slack-style incoming webhook: {@code {"text": ..., "blocks": [...]}} with the
 * summary, the top chains in a code block, the allocation sites (when sampled) in another, and the
 * report link.
 */
public final class SlackSink implements AlertSink {

    /** Slack rejects a section text longer than 3000 characters. */
    static final int MAX_SECTION = 3000;


    private final URI webhookUrl;
    private final JsonPoster poster;

    public SlackSink(URI webhookUrl, HttpTimeouts timeouts) {
        this.webhookUrl = Objects.requireNonNull(webhookUrl, "webhookUrl");
        this.poster = new JsonPoster(timeouts);
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public Delivery send(Alert alert) {
        return poster.post(webhookUrl, payload(alert), Map.of());
    }

    static String payload(Alert alert) {
        boolean firing = alert.state() == AlertState.FIRING;
        String title = (firing ? ":rotating_light: Leak in " : ":white_check_mark: Leak resolved in ")
                + escape(alert.target());
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("text", title + ": " + escape(alert.summary()));
        ArrayNode blocks = root.putArray("blocks");
        section(blocks, "*" + title + "*\n" + escape(alert.summary()) + "\nSignature `" + escape(alert.signature()) + "`");
        if (firing && !alert.topChains().isBlank()) {
            String fence = "```";
            int room = MAX_SECTION - 2 * fence.length() - 2;
            String chains = escape(alert.topChains());
            if (chains.length() > room) {
                chains = chains.substring(0, room - 4) + "\n...";
            }
            section(blocks, fence + "\n" + chains + fence);
        }
        if (firing && !alert.allocationSites().isBlank()) {
            codeBlock(blocks, "allocated at (sampled live objects):\n" + alert.allocationSites());
        }
        if (!alert.reportUrl().isEmpty()) {
            section(blocks, "<" + alert.reportUrl() + "|Full report>");
        }
        return root.toString();
    }

    /** A code block cut to Slack's section limit. */
    private static void codeBlock(ArrayNode blocks, String text) {
        String fence = "```";
        int room = MAX_SECTION - 2 * fence.length() - 2;
        String body = escape(text);
        if (body.length() > room) {
            body = body.substring(0, room - 4) + "\n...";
        }
        section(blocks, fence + "\n" + body + fence);
    }

    private static void section(ArrayNode blocks, String markdown) {
        ObjectNode section = blocks.addObject();
        section.put("type", "section");
        ObjectNode text = section.putObject("text");
        text.put("type", "mrkdwn");
        text.put("text", markdown);
    }

    /** Slack's three control characters; everything else is literal. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
