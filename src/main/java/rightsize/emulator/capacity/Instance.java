package rightsize.emulator.capacity;

/** One serving instance (one VM): the streams it holds and when its prompt processor is free. */
final class Instance {
  final ServingProfile profile;
  int active;
  long prefillFreeAt = Long.MIN_VALUE;

  Instance(ServingProfile profile) {
    this.profile = profile;
  }
}
