package io.gpuledger.streams.mail;

import java.util.List;

/** One composed e-mail: the subject (rules §6.1), the HTML part (rules §6.2), the text part (rules §6.3). */
public record ReportMail(String subject, String html, String text, List<String> recipients) {

    public ReportMail {
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a report e-mail needs at least one recipient");
        }
    }

    /** The text's first line, which says so when the numbers are partial. */
    public String firstTextLine() {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
