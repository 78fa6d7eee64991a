package rightsize.emulator.capacity;

/** Remaining pay-per-token quota, sent as x-ratelimit-remaining-requests and -tokens. */
public record RateLimitStatus(long remainingRequests, long remainingTokens) {}
