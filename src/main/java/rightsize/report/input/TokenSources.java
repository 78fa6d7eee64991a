package rightsize.report.input;

import rightsize.record.RequestRecord;

/** Where the token counts of one step's successful requests came from: the server, the tokenizer, or nowhere. */
public final class TokenSources {
  private long ok;
  private long tokenizer;
  private long none;

  void add(RequestRecord r) {
    if (!r.status().isOk()) {
      return;
    }
    ok++;
    RequestRecord.TokenSource source = r.tokens() == null ? RequestRecord.TokenSource.none : r.tokens().source();
    if (source == RequestRecord.TokenSource.tokenizer) {
      tokenizer++;
    } else if (source == RequestRecord.TokenSource.none) {
      none++;
    }
  }

  /** Successful requests. */
  public long ok() {
    return ok;
  }

  /** Successful requests whose tokens the tokenizer counted (the server sent no usage). */
  public long tokenizer() {
    return tokenizer;
  }

  /** Successful requests with no token count at all. */
  public long none() {
    return none;
  }
}
