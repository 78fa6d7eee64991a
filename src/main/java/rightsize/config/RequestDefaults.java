package rightsize.config;

/**
 * Defaults of every chat request, which a protocol or a request may override.
 *
 * @param stream ask for a streamed (SSE) answer
 * @param includeUsage ask for a final usage event (stream_options.include_usage)
 * @param maxTokens the max_tokens sent
 * @param temperature the temperature sent
 * @param encoding tokenizer encoding used when the server sends no usage
 * @param timeouts connect, first-token and total limits
 */
public record RequestDefaults(
    boolean stream,
    boolean includeUsage,
    int maxTokens,
    double temperature,
    String encoding,
    Timeouts timeouts) {}
