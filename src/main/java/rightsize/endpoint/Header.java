package rightsize.endpoint;

/** One HTTP header; its value is never printed, since auth headers carry secrets. */
public record Header(String name, String value) {
  @Override
  public String toString() {
    return name + ": ***";
  }
}
