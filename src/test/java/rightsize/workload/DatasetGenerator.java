package rightsize.workload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the project's prompt data, {@code data/chat-conversations.jsonl} and {@code
 * data/documents.jsonl}, from templates and vocabulary written for this project.
 *
 * <p>Deterministic: the same seed always yields the same bytes (java.util.Random's algorithm is
 * specified), and {@code DatasetGeneratorTest} checks the committed files are exactly this output.
 * It uses only the JDK so it runs without a build: {@code java
 * src/test/java/rightsize/workload/DatasetGenerator.java data}.
 */
public final class DatasetGenerator {
  static final long SEED = 20261126L;
  static final int CONVERSATIONS = 240;
  static final int DOCUMENTS = 50;
  static final String CHAT_FILE = "chat-conversations.jsonl";
  static final String DOCUMENTS_FILE = "documents.jsonl";

  private static final Pattern SLOT = Pattern.compile("\\{([a-z_]+)}");

  private final Random random = new Random(SEED);
  /** Values of the sticky slots within the current document part, so a report keeps to one product or city. */
  private final java.util.Map<String, String> bound = new java.util.HashMap<>();
  /** Minutes since midnight of the last {time} written, so timelines move forward. */
  private int clock;

  /** Writes both data files into {@code args[0]} (default {@code data}). */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "data");
    new DatasetGenerator().writeTo(dir);
    System.out.println("wrote " + dir.resolve(CHAT_FILE) + " and " + dir.resolve(DOCUMENTS_FILE));
  }

  void writeTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(CHAT_FILE), conversations(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(DOCUMENTS_FILE), documents(), StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- conversations

  private record Topic(String name, String[][] slots, String[] openers, String[] contexts, String[] followUps) {}

  private static final String[] SYSTEMS = {
    "You are a helpful assistant.",
    "You are a helpful assistant. Answer clearly and concisely.",
    "You are a friendly expert. Keep answers short unless the user asks for detail, and use plain language.",
    "You are a concise technical assistant. Prefer numbered steps and short paragraphs; never invent facts.",
    "You are a patient tutor. Explain your reasoning step by step and check the learner's understanding.",
    "You are a support agent for Contoso, a company that sells home internet, mobile plans and smart home devices. "
        + "Be polite, ask for missing details, and never promise refunds you cannot authorize.",
    "You are an assistant inside a company's internal portal. Answer for an audience of busy employees: "
        + "start with the answer, then give the reasons.",
  };

  private static final String[] GENERIC_FOLLOW_UPS = {
    "Thanks. Can you make that shorter?",
    "Could you give me a concrete example?",
    "Can you explain that as if I were completely new to this?",
    "What are the most common mistakes people make here?",
    "Can you put the main points in a table?",
    "Summarize the steps as a checklist I can print.",
    "Why is that better than the alternative?",
    "What would change if I only had half the budget?",
    "Is there anything I should avoid?",
    "Great, and how long would that take in practice?",
    "I tried that and it did not quite work. What else could I check?",
    "Can you rewrite that in a more formal tone?",
    "Which of those options would you pick, and why?",
    "What questions should I ask before deciding?",
    "Ok. What is the very first thing I should do tomorrow morning?",
  };

  private static final Topic[] TOPICS = {
    new Topic(
        "cooking",
        new String[][] {
          {"dish", "a vegetable lasagna", "chicken curry", "a lentil soup", "sourdough bread", "a mushroom risotto",
            "banana pancakes", "a Thai green curry", "shakshuka", "a lemon tart", "beef stew", "falafel", "pad thai"},
          {"people", "two", "four", "six", "eight", "twelve"},
          {"constraint", "without an oven", "with no dairy", "in under thirty minutes", "on a tight budget",
            "for someone who avoids gluten", "using only one pan", "with ingredients from a small corner shop"},
          {"ingredient", "coconut milk", "fresh basil", "eggs", "butter", "cumin", "parmesan", "chickpeas", "yogurt"},
        },
        new String[] {
          "How do I make {dish} for {people} people?",
          "I want to cook {dish} {constraint}. Is that realistic, and what would you change?",
          "What can I use instead of {ingredient} in {dish}?",
          "Can you plan a simple dinner menu for {people} guests around {dish}?",
          "My {dish} always turns out bland. What am I doing wrong?",
          "Give me a shopping list for {dish} for {people} people.",
        },
        new String[] {
          "I am not an experienced cook, and my kitchen only has basic equipment.",
          "Last time I tried, it took me almost two hours and the texture was off.",
          "One of the guests is vegetarian, so I would like a version that works for everyone.",
        },
        new String[] {
          "How far ahead can I prepare it, and how should I store it?",
          "What side dish would go well with it?",
          "Can I freeze the leftovers?",
          "How do I scale it up to {people} more people?",
          "I just realized I have no {ingredient}. What now?",
        }),
    new Topic(
        "travel",
        new String[][] {
          {"city", "Lisbon", "Kyoto", "Mexico City", "Edinburgh", "Vancouver", "Marrakesh", "Prague", "Buenos Aires",
            "Seoul", "Cape Town", "Reykjavik", "Istanbul"},
          {"days", "two", "three", "four", "five", "seven", "ten"},
          {"traveler", "a family with two small children", "a solo traveler", "a retired couple",
            "a group of students", "someone who uses a wheelchair", "a business traveler with one free day"},
          {"season", "in winter", "in the rainy season", "in late spring", "during a holiday weekend", "in August"},
        },
        new String[] {
          "Plan a {days}-day trip to {city} for {traveler}.",
          "Is {city} worth visiting {season}?",
          "What is the cheapest sensible way to get around {city}?",
          "I have {days} days in {city}. What should I absolutely not miss?",
          "What should {traveler} know before going to {city}?",
          "Compare staying in the old town of {city} with staying near the airport.",
        },
        new String[] {
          "We land in the early morning and leave late in the evening, so the first and last days are short.",
          "Our budget is moderate, and we prefer walking and local food over tours.",
          "I get tired quickly in crowds, so quieter places would be better.",
        },
        new String[] {
          "Can you turn that into an hour-by-hour plan for the first day?",
          "What if it rains the whole time?",
          "Which neighborhoods are best for dinner?",
          "How much money should I plan per day?",
          "Are there any scams or common tourist traps there?",
        }),
    new Topic(
        "programming",
        new String[][] {
          {"language", "Java", "Python", "TypeScript", "Go", "Rust", "C#", "Kotlin", "SQL"},
          {"task", "parse a CSV file with quoted fields", "retry an HTTP call with exponential backoff",
            "read a large file line by line without running out of memory", "write a unit test for a date parser",
            "deduplicate a list while keeping the original order", "stream results from a database query",
            "validate an email address", "measure how long a function takes", "cache the result of an expensive call"},
          {"error", "NullPointerException", "IndexError: list index out of range", "a deadlock under load",
            "ConcurrentModificationException", "a memory leak after a few hours", "a timeout only in production"},
          {"framework", "Spring Boot", "Django", "Express", "ASP.NET Core", "FastAPI", "Quarkus"},
        },
        new String[] {
          "How do I {task} in {language}?",
          "I keep getting {error} in my {language} service. Where should I start looking?",
          "What is the idiomatic way to {task} in {language}, and what are the pitfalls?",
          "Review this approach: I plan to {task} in {language} with a simple loop. Is there a better way?",
          "Explain the difference between threads and async code in {language} for someone coming from {framework}.",
          "Write a small {language} function to {task}, with comments.",
        },
        new String[] {
          "The service runs on {framework} and handles around two hundred requests per second at peak.",
          "Here is what I have so far: a loop that reads every line, splits it on commas and appends the parts to a list, "
              + "then a second loop that converts the values. It works on small inputs but is very slow on a 2 GB file.",
          "I am maintaining code written by someone who left, and there are no tests yet.",
          "The stack trace points to a line that looks harmless, which is why I am confused.",
        },
        new String[] {
          "How would I test that?",
          "Can you show the same thing in {language} without any external library?",
          "What is the time complexity of that solution?",
          "Could this cause {error} under load?",
          "How do I log enough to debug it in production without leaking personal data?",
        }),
    new Topic(
        "it-helpdesk",
        new String[][] {
          {"device", "my laptop", "the office printer", "my phone", "the shared team drive", "my second monitor",
            "the VPN client", "my email client", "the conference room camera"},
          {"symptom", "keeps disconnecting", "is extremely slow since the last update", "shows a certificate warning",
            "will not turn on", "asks for my password every few minutes", "prints blank pages", "freezes at login"},
          {"os", "Windows 11", "macOS", "Ubuntu", "ChromeOS", "Android", "iOS"},
        },
        new String[] {
          "{device} {symptom}. What can I try before calling support?",
          "Since this morning {device} {symptom}. I am on {os}.",
          "How do I reset {device} without losing my files?",
          "Is it safe to ignore it when {device} {symptom}?",
          "My manager says {device} {symptom} because of a policy change. What does that mean for me?",
        },
        new String[] {
          "I already restarted twice and it did not help.",
          "I work from home on a shared connection, and the problem started after I changed routers.",
          "I have a presentation in an hour, so a quick workaround would be great.",
        },
        new String[] {
          "That did not work. What is the next step?",
          "How do I find out which version I am running?",
          "Should I open a ticket, and what should I write in it?",
          "Could this be a security problem?",
          "It works now, but how do I stop it from happening again?",
        }),
    new Topic(
        "personal-finance",
        new String[][] {
          {"goal", "build an emergency fund", "pay off a credit card", "save for a house deposit",
            "start investing for retirement", "plan for a child's education", "reduce monthly spending"},
          {"amount", "200", "500", "1,000", "2,500", "10,000"},
          {"period", "six months", "a year", "three years", "five years"},
        },
        new String[] {
          "I want to {goal} within {period}. Where do I start?",
          "I can put aside {amount} dollars a month. How should I split it to {goal}?",
          "Explain the difference between a savings account, index funds and bonds in simple terms.",
          "Is it better to {goal} first or to invest?",
          "How do I make a monthly budget that I will actually stick to?",
        },
        new String[] {
          "I am not asking for professional advice, just a general way to think about it.",
          "My income varies from month to month because I freelance.",
          "I have a small student loan at a low interest rate.",
        },
        new String[] {
          "What if I have an unexpected expense in the middle of that plan?",
          "How would this change if my income went up by ten percent?",
          "What should I track every month?",
          "Can you show the numbers for {period}?",
        }),
    new Topic(
        "fitness",
        new String[][] {
          {"goal", "run my first 5 km", "get stronger without a gym", "improve my posture", "lose some weight slowly",
            "train for a half marathon", "be less stiff after sitting all day"},
          {"minutes", "fifteen", "twenty", "thirty", "forty-five"},
          {"days", "two", "three", "four", "five"},
        },
        new String[] {
          "I want to {goal}. Can you suggest a plan with {days} sessions a week?",
          "I only have {minutes} minutes a day. How can I {goal}?",
          "What is a good warm-up before a {minutes}-minute workout?",
          "How do I stay motivated to {goal}?",
          "Is it bad to exercise every day if I want to {goal}?",
        },
        new String[] {
          "I have not exercised regularly for several years.",
          "My knees sometimes hurt on stairs, so I would like low-impact options.",
          "I travel for work a lot and often only have a hotel room.",
        },
        new String[] {
          "How do I know if I am pushing too hard?",
          "What should I eat before and after?",
          "How quickly should I increase the difficulty?",
          "Can you turn that into a four-week schedule?",
        }),
    new Topic(
        "gardening",
        new String[][] {
          {"plant", "tomatoes", "basil", "roses", "a lemon tree", "lavender", "strawberries", "succulents", "peppers",
            "an orchid", "hydrangeas"},
          {"place", "a small balcony", "a north-facing window", "a shady backyard", "raised beds", "a windy rooftop"},
          {"problem", "yellow leaves", "white spots on the leaves", "no flowers", "tiny insects under the leaves",
            "roots coming out of the pot", "drooping stems"},
        },
        new String[] {
          "How do I grow {plant} on {place}?",
          "My {plant} have {problem}. What is wrong?",
          "When should I repot {plant}, and how?",
          "Which plants besides {plant} would do well on {place}?",
          "How often should I water {plant} in summer?",
        },
        new String[] {
          "It gets about four hours of direct sun, mostly in the afternoon.",
          "I live in a climate with hot, dry summers and mild winters.",
          "I am a beginner and I already lost two plants this year.",
        },
        new String[] {
          "Do I need fertilizer, and which kind?",
          "How do I protect them over the winter?",
          "Is that safe if I have a cat?",
          "What should I do this week, specifically?",
        }),
    new Topic(
        "home-repair",
        new String[][] {
          {"thing", "a dripping kitchen faucet", "a door that sticks", "a cracked bathroom tile", "a running toilet",
            "a squeaky floorboard", "a hole in the drywall", "a window that lets in cold air", "a tripped circuit breaker"},
          {"skill", "a complete beginner", "fairly handy", "renting, so I cannot make big changes"},
        },
        new String[] {
          "How do I fix {thing}? I am {skill}.",
          "What tools do I need to fix {thing}?",
          "Is {thing} something I can fix myself, or should I call a professional?",
          "How much does it usually cost to get {thing} repaired?",
        },
        new String[] {
          "The house is about forty years old and some parts were renovated badly.",
          "I watched a video but the parts in my home look different.",
        },
        new String[] {
          "What safety precautions should I take?",
          "How do I know it is fixed properly?",
          "What could happen if I leave it for a few months?",
          "Which part should I buy, and how do I describe it at the hardware store?",
        }),
    new Topic(
        "history",
        new String[][] {
          {"event", "the fall of the Western Roman Empire", "the printing press", "the Silk Road",
            "the industrial revolution", "the Meiji Restoration", "the building of the Panama Canal",
            "the Hanseatic League", "the Apollo program", "the invention of the telegraph"},
          {"audience", "a ten-year-old", "a high school class", "a curious adult", "a history exam"},
        },
        new String[] {
          "Explain {event} to {audience}.",
          "What were the main causes and consequences of {event}?",
          "Why is {event} still important today?",
          "What are common myths about {event}?",
          "Give me a short timeline of {event}.",
        },
        new String[] {
          "I need to give a five-minute talk and want the key facts right.",
          "I read two sources that disagree, so I would like the uncertain parts flagged.",
        },
        new String[] {
          "Who were the key people involved?",
          "What did ordinary people experience at the time?",
          "How do historians know this?",
          "Can you compare it with {event}?",
        }),
    new Topic(
        "science",
        new String[][] {
          {"concept", "how vaccines train the immune system", "why the sky is blue", "how batteries store energy",
            "what causes the seasons", "how neural networks learn", "what entropy means", "how GPS works",
            "why bread rises", "how tides work", "what a black hole is"},
          {"level", "in one paragraph", "with an everyday analogy", "with the actual equations",
            "for a middle school student", "without jargon"},
        },
        new String[] {
          "Can you explain {concept} {level}?",
          "I never understood {concept}. Explain it {level}.",
          "What is a simple experiment that shows {concept}?",
          "What is the biggest misconception about {concept}?",
        },
        new String[] {
          "I studied some physics a long time ago but have forgotten most of it.",
          "My kid asked me this at dinner and I did not know what to say.",
        },
        new String[] {
          "Where does that explanation break down?",
          "Now explain it {level}.",
          "What is still unknown about it?",
          "How was it discovered?",
        }),
    new Topic(
        "career",
        new String[][] {
          {"role", "data analyst", "project manager", "nurse", "software engineer", "teacher", "UX designer",
            "sales representative", "accountant"},
          {"situation", "asking for a raise", "changing careers after ten years", "a first job interview",
            "returning to work after parental leave", "a difficult conversation with my manager",
            "negotiating a job offer"},
        },
        new String[] {
          "I am a {role} preparing for {situation}. How should I prepare?",
          "What skills should a {role} learn in the next year?",
          "Help me write a short introduction about myself as a {role} for {situation}.",
          "How do I explain a gap in my CV when {situation}?",
          "What questions should I ask in an interview for a {role} position?",
        },
        new String[] {
          "I tend to undersell myself and get nervous when talking about money.",
          "The company is small and there is no formal review process.",
        },
        new String[] {
          "Can you make it sound more confident?",
          "What if they say no?",
          "How should I follow up afterwards?",
          "Can you role-play the interviewer for one question?",
        }),
    new Topic(
        "language-learning",
        new String[][] {
          {"language", "Spanish", "Japanese", "German", "French", "Portuguese", "Korean", "Italian", "Dutch"},
          {"level", "an absolute beginner", "at an intermediate level", "rusty after years without practice"},
          {"phrase", "I would like to book a table for two", "Where is the nearest train station",
            "Could you speak more slowly", "I am allergic to nuts", "How much does this cost"},
        },
        new String[] {
          "I am {level} in {language}. How should I study for twenty minutes a day?",
          "How do you say \"{phrase}\" in {language}, and how do I pronounce it?",
          "What are the hardest parts of {language} for an English speaker?",
          "Can you give me a short dialogue in {language} for ordering food, with a translation?",
        },
        new String[] {
          "I have a trip in three months and want to handle basic situations.",
          "I learn best with examples rather than grammar rules.",
        },
        new String[] {
          "Can you quiz me on that?",
          "How would I say it more politely?",
          "What is a common mistake with that sentence?",
          "Now say \"{phrase}\" as well.",
        }),
    new Topic(
        "writing",
        new String[][] {
          {"text", "an email declining a meeting", "a thank-you note to a colleague", "a complaint to my landlord",
            "a product description for handmade candles", "a cover letter", "a short speech for a retirement party",
            "an apology to a customer for a late delivery", "an out-of-office message"},
          {"tone", "friendly", "formal", "firm but polite", "warm and personal", "short and neutral"},
        },
        new String[] {
          "Write {text} in a {tone} tone.",
          "Can you improve {text} I wrote? I want it to sound {tone}.",
          "What should {text} include?",
          "Give me three versions of {text}: one {tone}, one more casual, one very short.",
        },
        new String[] {
          "Context: the delivery was five days late because of a warehouse problem, and the customer has been loyal for years.",
          "It should fit in a few sentences, because people read it on their phones.",
          "English is not my first language, so please keep the vocabulary simple.",
        },
        new String[] {
          "Make it a bit shorter.",
          "Can you make it sound more {tone}?",
          "Add a sentence that suggests a next step.",
          "What subject line would you use?",
        }),
    new Topic(
        "customer-support",
        new String[][] {
          {"issue", "my internet drops every evening", "I was charged twice this month", "my new router will not connect",
            "I want to cancel my mobile plan", "my smart thermostat is offline", "the download speed is half of what I pay for",
            "I moved and need to transfer my service"},
          {"months", "two", "six", "eighteen", "thirty"},
        },
        new String[] {
          "Hi, {issue}. Can you help?",
          "I have been a customer for {months} months and {issue}. What are my options?",
          "{issue}, and nobody has answered my last two messages.",
          "Before I call: {issue}. What information will you need from me?",
        },
        new String[] {
          "I already tried turning everything off and on again.",
          "I work from home, so this is costing me real time.",
          "My account is under my partner's name.",
        },
        new String[] {
          "How long will that take?",
          "Will I get a credit for the days it did not work?",
          "Can a technician come on a weekend?",
          "What is the reference number for this conversation?",
          "Ok, and if that does not fix it?",
        }),
    new Topic(
        "math",
        new String[][] {
          {"problem", "solving a quadratic equation", "computing compound interest", "finding the area of a triangle",
            "calculating a percentage increase", "understanding standard deviation", "solving two equations with two unknowns",
            "converting fractions to decimals", "working out probabilities with two dice"},
          {"numbers", "with the numbers 3, 5 and 12", "with a real example from shopping", "with small numbers first",
            "step by step"},
        },
        new String[] {
          "Can you help me with {problem} {numbers}?",
          "I do not understand {problem}. Explain it {numbers}.",
          "What is a quick way to check my answer when {problem}?",
          "Make me three practice exercises on {problem}, from easy to hard.",
        },
        new String[] {
          "My teacher goes very fast and I got lost at the part with the formula.",
          "I am helping my daughter with homework and want to explain it the right way.",
        },
        new String[] {
          "Why does that formula work?",
          "Can you check this: I got 17. Is that right?",
          "Give me one more exercise, a bit harder.",
          "Where is this used in real life?",
        }),
  };

  String conversations() {
    StringBuilder out = new StringBuilder();
    for (int i = 1; i <= CONVERSATIONS; i++) {
      Topic topic = TOPICS[(i - 1) % TOPICS.length];
      String system = random.nextInt(5) == 0 ? null : pick(SYSTEMS);
      int turns = turnCount();
      List<String> messages = new ArrayList<>();
      String opener = fill(pick(topic.openers()), topic.slots());
      if (random.nextInt(3) == 0) {
        opener = opener + " " + fill(pick(topic.contexts()), topic.slots());
      }
      if (random.nextInt(6) == 0) {
        opener = opener + " " + fill(pick(topic.contexts()), topic.slots());
      }
      messages.add(opener);
      while (messages.size() < turns) {
        String next =
            random.nextInt(2) == 0
                ? fill(pick(topic.followUps()), topic.slots())
                : pick(GENERIC_FOLLOW_UPS);
        if (!messages.contains(next)) {
          messages.add(next);
        }
      }
      out.append("{\"id\":").append(json(String.format("chat-%04d", i)));
      out.append(",\"topic\":").append(json(topic.name()));
      if (system != null) {
        out.append(",\"system\":").append(json(system));
      }
      out.append(",\"turns\":[");
      for (int t = 0; t < messages.size(); t++) {
        out.append(t == 0 ? "" : ",").append(json(messages.get(t)));
      }
      out.append("]}\n");
    }
    return out.toString();
  }

  /** 1 to 6 user turns, most conversations short, as in real chat logs. */
  private int turnCount() {
    int[] weights = {20, 25, 22, 15, 10, 8};
    int r = random.nextInt(100);
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return i + 1;
      }
    }
    return weights.length;
  }

  // ---------------------------------------------------------------- documents

  private record DocKind(String name, String[] titles, String[][] sections) {}

  private static final String[][] DOC_SLOTS = {
    {"company", "Contoso", "Fabrikam", "Northwind Traders", "Tailspin Toys", "Wingtip Logistics", "Adventure Works",
      "Litware", "Proseware", "Woodgrove Bank", "Alpine Ski House"},
    {"person", "Maria Silva", "Kenji Watanabe", "Aisha Okafor", "Lukas Becker", "Priya Raman", "Tomás Herrera",
      "Emma Lindqvist", "David Cohen", "Fatima Zahra", "Chen Wei", "Olivia Brown", "Noah Martin"},
    {"team", "platform", "payments", "mobile", "data engineering", "customer success", "security", "search",
      "logistics", "marketing", "finance", "infrastructure"},
    {"product", "the checkout service", "the mobile app", "the recommendation engine", "the billing portal",
      "the warehouse scanner fleet", "the customer chatbot", "the reporting dashboard", "the order API",
      "the identity service", "the inventory database"},
    {"metric", "p95 latency", "the error rate", "conversion", "weekly active users", "cost per order",
      "support ticket volume", "on-time delivery", "time to first response", "cloud spend", "churn"},
    {"pct", "3", "5", "8", "12", "15", "18", "22", "27", "31", "40"},
    {"number", "14", "27", "60", "120", "250", "480", "1,200", "3,500", "12,000"},
    {"month", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
      "November", "December"},
    {"weekday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday"},
    {"region", "North America", "Western Europe", "Southeast Asia", "Latin America", "the Nordics", "Australia",
      "East Africa"},
    {"cause", "an expired TLS certificate", "a configuration change rolled out to all regions at once",
      "a database index that was dropped during a migration", "a retry storm after a brief network partition",
      "a full disk on a logging node", "a dependency upgrade that changed a default timeout",
      "a cache that was flushed during peak traffic", "a capacity limit on a managed queue"},
    {"action", "add an automated check to the deployment pipeline", "document the rollback procedure",
      "set up an alert on the leading indicator", "run a load test before every major release",
      "split the rollout into smaller waves", "assign a clear owner for the component",
      "review the on-call runbook with the whole team", "remove the manual step from the release checklist"},
    {"topic", "remote work", "supply chain resilience", "energy efficiency in data centers", "customer onboarding",
      "pricing strategy", "accessibility", "open-source adoption", "urban cycling", "small business lending",
      "water management in agriculture"},
    {"quarter", "Q1", "Q2", "Q3", "Q4"},
    {"city", "Rotterdam", "Austin", "Nairobi", "Melbourne", "Lyon", "Osaka", "Porto", "Denver", "Bangalore", "Montreal"},
  };

  private static final DocKind[] DOC_KINDS = {
    new DocKind(
        "incident postmortem",
        new String[] {"Postmortem: outage of {product}", "Incident review: degraded {metric} on {product}",
          "Postmortem: {product} unavailable in {region}"},
        new String[][] {
          {"Summary",
            "On {weekday}, {month} {number_day}, {product} was partly unavailable for {minutes} minutes.",
            "The incident affected customers in {region} and was caused by {cause}.",
            "About {pct} percent of requests failed during the worst part of the incident.",
            "No data was lost, but a number of orders had to be replayed manually by the {team} team.",
            "The on-call engineer, {person}, declared the incident eleven minutes after the first alert.",
            "This document follows our blameless format: it describes what happened and what we will change, not who was at fault."},
          {"Timeline",
            "At {time}, the first alert fired for {metric} on {product}.",
            "At {time}, {person} acknowledged the page and started looking at the dashboards.",
            "At {time}, the team noticed that the failures were limited to {region}.",
            "At {time}, a rollback of the most recent change was started.",
            "At {time}, the rollback finished but errors continued, which ruled out the change as the only cause.",
            "At {time}, {person} identified {cause} as the root cause.",
            "At {time}, the mitigation was applied and {metric} began to recover.",
            "At {time}, the incident was declared resolved and customer communication was sent."},
          {"Root cause",
            "The root cause was {cause}.",
            "The failure mode had been seen once before in a test environment, but the ticket was closed without a fix.",
            "Monitoring showed the symptom, a rise in {metric}, but not the cause, which delayed the diagnosis.",
            "Because retries were not capped, clients multiplied the load on the remaining healthy nodes.",
            "The component had no clear owner after the reorganization of the {team} team in {month}.",
            "A contributing factor was that the runbook described an older version of the architecture."},
          {"Impact",
            "Roughly {number} customers saw errors, and support received {number} tickets in the following two hours.",
            "The estimated revenue impact is small, but the reputational impact in {region} is significant.",
            "Internal teams that depend on {product} also reported delays in their own pipelines.",
            "The incident consumed about {pct} percent of the quarterly error budget for {product}."},
          {"What went well",
            "Alerting fired within two minutes of the first failures.",
            "The incident channel stayed focused, and a single person coordinated communication.",
            "Rollback tooling worked as documented and took less than five minutes.",
            "Customer support had a status page update within twenty minutes."},
          {"Action items",
            "The {team} team will {action} by the end of {month}.",
            "{person} will {action} and report back at the next operations review.",
            "We will {action} for every service that shares this dependency.",
            "We will review whether {metric} is the right signal to page on, or whether a leading indicator exists.",
            "We will {action}, and track progress in the reliability backlog."},
        }),
    new DocKind(
        "meeting minutes",
        new String[] {"Minutes: {team} weekly sync", "Minutes: planning meeting for {product}",
          "Minutes: {quarter} steering committee"},
        new String[][] {
          {"Attendees",
            "Present: {person}, {person}, {person} and {person}; {person} joined for the second half.",
            "{person} chaired the meeting and {person} took notes."},
          {"Updates",
            "{person} reported that {metric} improved by {pct} percent since the last meeting.",
            "The migration of {product} is on track for the end of {month}.",
            "The {team} team is still blocked on access to the staging environment.",
            "{person} shared early results from the customer interviews in {region}.",
            "Hiring for two open positions is progressing; one offer was accepted last week.",
            "The vendor contract for {product} is up for renewal in {month}."},
          {"Discussion",
            "The group discussed whether to prioritize {product} or the reporting backlog in {quarter}.",
            "{person} argued that {metric} matters more to customers than new features right now.",
            "{person} raised a concern that the team is taking on too many parallel projects.",
            "There was agreement that the current estimate is optimistic by at least two weeks.",
            "Several people asked for a clearer definition of done for the pilot in {city}.",
            "The budget for {quarter} allows one additional contractor, but not two."},
          {"Decisions",
            "The team decided to {action} before starting new work.",
            "The pilot in {city} will be extended by four weeks.",
            "{person} is the single owner of {product} from now on.",
            "The team will report {metric} weekly instead of monthly."},
          {"Action items",
            "{person} to {action} by {weekday}.",
            "{person} to draft the proposal for {quarter} and circulate it before the next meeting.",
            "{person} to follow up with the {team} team about the dependency.",
            "Everyone to review the shared document and add comments by {weekday}."},
        }),
    new DocKind(
        "quarterly business review",
        new String[] {"{company} {quarter} business review", "{quarter} results and outlook for {company} in {region}"},
        new String[][] {
          {"Highlights",
            "{company} grew revenue by {pct} percent compared with the same quarter last year.",
            "Growth was strongest in {region}, where the new partner program began to pay off.",
            "Operating costs rose more slowly than revenue for the third consecutive quarter.",
            "{metric} improved by {pct} percent after the changes to {product}.",
            "The company opened a new office in {city} with {number} employees."},
          {"Financial performance",
            "Gross margin was {pct_margin} percent, up from the previous quarter.",
            "Marketing spend was {pct} percent below plan because two campaigns moved into the next quarter.",
            "Cash flow from operations was positive, and the company has no short-term debt.",
            "Revenue per customer increased, while the number of new customers was flat.",
            "Currency movements reduced reported revenue in {region} by about {pct} percent."},
          {"Customers",
            "Customer satisfaction scores were stable, with the strongest feedback on {product}.",
            "Churn was highest among small customers in their first three months.",
            "The {team} team ran {number} onboarding sessions during the quarter.",
            "Enterprise customers asked mainly for better reporting and single sign-on."},
          {"Risks",
            "The main risk for the next quarter is a slowdown in {region}.",
            "A key supplier has announced price increases of around {pct} percent.",
            "Hiring in {city} is slower than planned, which could delay the roadmap.",
            "Regulatory changes around {topic} may require changes to {product}."},
          {"Outlook",
            "For {quarter}, management expects growth between {pct} and {pct2} percent.",
            "Priorities are to {action}, to expand in {region}, and to keep costs under control.",
            "The board approved an additional investment in {product}.",
            "A detailed plan for {city} will be presented at the next review."},
        }),
    new DocKind(
        "research article",
        new String[] {"What we know about {topic}", "A practical review of {topic}", "{topic}: evidence and open questions"},
        new String[][] {
          {"Introduction",
            "Interest in {topic} has grown quickly over the last decade, but the evidence is scattered.",
            "This article reviews what is known, where studies disagree, and which questions remain open.",
            "We focus on practical findings that organizations can act on, rather than on theory.",
            "Most of the studies we reviewed come from {region}, which limits how far the results generalize."},
          {"Background",
            "Early work on {topic} relied on small samples and self-reported data.",
            "Later studies used larger datasets, often from public registries or company records.",
            "Definitions vary between studies, which makes direct comparison difficult.",
            "A study from {city} followed {number} participants for three years and is often cited.",
            "Critics argue that many positive results reflect publication bias rather than real effects."},
          {"Findings",
            "Across studies, the average effect was modest: an improvement of roughly {pct} percent.",
            "Effects were larger when the change was introduced gradually and with training.",
            "Several studies found no effect at all when the change was imposed without consultation.",
            "The strongest results came from organizations that measured {metric} before and after.",
            "Costs were usually underestimated, on average by {pct} percent.",
            "Long-term effects were smaller than short-term ones, suggesting an initial novelty effect."},
          {"Limitations",
            "Few studies used randomized designs, so causal claims should be made carefully.",
            "Most data comes from large organizations; small ones may behave differently.",
            "Measurement periods were often short, typically less than a year."},
          {"Conclusion",
            "The evidence suggests that {topic} can help, but only under specific conditions.",
            "Organizations considering it should start with a pilot and measure {metric} carefully.",
            "Future research should focus on longer time frames and on settings outside {region}."},
        }),
    new DocKind(
        "product requirements",
        new String[] {"Requirements: self-service refunds in {product}", "Requirements: offline mode for {product}",
          "Requirements: usage reports in {product}"},
        new String[][] {
          {"Problem",
            "Customers currently have to contact support for tasks they could do themselves.",
            "This creates around {number} tickets per month and slows down answers for everyone.",
            "Interviews with customers in {region} showed that speed matters more than a perfect interface.",
            "The {team} team estimates that automating this would save {pct} percent of support time."},
          {"Goals",
            "Let customers complete the task without contacting support in most cases.",
            "Reduce the related ticket volume by at least {pct} percent within three months.",
            "Keep {metric} within current targets.",
            "Make every action auditable for the finance team."},
          {"Non-goals",
            "This project does not change pricing or contract terms.",
            "We will not support legacy accounts created before the {month} migration.",
            "A redesign of the whole settings page is out of scope."},
          {"User stories",
            "As a customer, I want to see the status of my request at any time, so I do not need to ask.",
            "As a support agent, I want to see what the customer already tried, so I do not repeat it.",
            "As a finance analyst, I want a monthly export, so I can reconcile payments.",
            "As an administrator, I want to limit who can perform the action, so mistakes are rare."},
          {"Requirements",
            "The feature must work on the web and in the mobile app.",
            "Every action must be logged with the user, the time and the previous state.",
            "Requests above {number} dollars require a second approval.",
            "The interface must meet accessibility standards, including keyboard navigation.",
            "Response time for the main screen must stay under two seconds at the 95th percentile."},
          {"Open questions",
            "How should we handle partial failures in {product}?",
            "Do we need a different flow for customers in {region}?",
            "Who owns the feature after launch: the {team} team or the {team} team?"},
        }),
    new DocKind(
        "news article",
        new String[] {"{company} opens new hub in {city}", "{city} trials new approach to {topic}",
          "{company} reports strong {quarter} as demand grows in {region}"},
        new String[][] {
          {"",
            "{company} announced on {weekday} that it will open a new hub in {city}, creating about {number} jobs.",
            "The decision follows two years of growth in {region}, according to a company spokesperson.",
            "Local officials welcomed the announcement, calling it a vote of confidence in the region.",
            "The hub will focus on {topic} and is expected to open in {month}."},
          {"",
            "{person}, who leads the {team} team, said the location was chosen for its access to skilled workers.",
            "\"We looked at several cities, and {city} offered the right mix of talent and infrastructure,\" {person} said.",
            "The company did not disclose the size of the investment.",
            "Analysts estimate that the project could add {pct} percent to regional employment in the sector."},
          {"",
            "Not everyone is convinced. Residents have raised concerns about traffic and housing costs.",
            "A local association said it would ask the city council for a public hearing.",
            "{person}, an economist at a university in {city}, said the long-term effects are hard to predict.",
            "Similar projects in other cities have had mixed results."},
          {"",
            "The company plans to hire mostly locally and to partner with two vocational schools.",
            "Construction is expected to start in {month}, pending permits.",
            "{company} said it would publish progress updates every quarter."},
        }),
    new DocKind(
        "support ticket thread",
        new String[] {"Ticket #{number}: {product} not working after update", "Ticket #{number}: billing question",
          "Ticket #{number}: slow performance in {region}"},
        new String[][] {
          {"Customer",
            "Hello, since the update on {weekday}, {product} has not been working properly for our team.",
            "We have about {number} users and most of them are affected.",
            "We already cleared caches and restarted, as suggested in your help center.",
            "This is urgent because our month-end closing depends on it."},
          {"Agent",
            "Thank you for contacting us, and sorry for the trouble.",
            "Could you tell me which browser and version your team uses?",
            "I have checked our status page and there is no known incident in {region} at the moment.",
            "I have escalated the ticket to the {team} team with the details you provided."},
          {"Customer",
            "We use the latest version of two different browsers, and both show the problem.",
            "It started exactly after the update; nothing changed on our side.",
            "Some users can work if they log out and back in, but it fails again after a few minutes."},
          {"Agent",
            "Thank you, that is very helpful.",
            "Our engineers found that the update changed a session timeout for accounts like yours.",
            "A fix is being rolled out and should reach your account within two hours.",
            "As a gesture of goodwill, we have applied a credit to your next invoice."},
          {"Customer",
            "Confirmed, everything works again. Thanks for the quick help.",
            "Please let us know in advance next time an update could affect sessions."},
        }),
    new DocKind(
        "policy document",
        new String[] {"{company} travel and expenses policy", "{company} remote work policy",
          "{company} data retention policy"},
        new String[][] {
          {"Purpose",
            "This policy sets out the rules that apply to all employees of {company}.",
            "It aims to be fair, simple to follow and consistent across regions.",
            "Where local law requires something different, local law takes precedence."},
          {"Scope",
            "The policy applies to permanent employees, contractors and interns.",
            "It covers activities in all offices, including {city} and the new sites in {region}.",
            "Managers are responsible for making sure their teams know the policy."},
          {"Rules",
            "Expenses above {number} dollars require approval from a manager before they are incurred.",
            "Receipts must be submitted within thirty days.",
            "Employees may work remotely up to three days a week, subject to team agreements.",
            "Personal data must not be kept longer than needed for its purpose.",
            "Exceptions must be documented and approved by the {team} team.",
            "Employees should choose the most economical option that is reasonable for the trip."},
          {"Responsibilities",
            "Employees are responsible for reading the policy and asking when something is unclear.",
            "The {team} team maintains the policy and reviews it every year.",
            "Internal audit checks compliance on a sample basis each {quarter}."},
          {"Review",
            "This policy was last reviewed in {month} and will be reviewed again within twelve months.",
            "Questions can be sent to {person}, who owns the policy."},
        }),
    new DocKind(
        "technical design",
        new String[] {"Design: rate limiting for {product}", "Design: moving {product} to event-driven processing",
          "Design: multi-region failover for {product}"},
        new String[][] {
          {"Context",
            "{product} handles around {number} requests per second at peak, and traffic is growing by {pct} percent per quarter.",
            "The current design was built for a single region and a much smaller load.",
            "Last quarter, two incidents were caused by {cause}.",
            "The {team} team owns the service and will implement the change."},
          {"Proposal",
            "We propose to introduce a queue between the API and the workers, so bursts do not overload the database.",
            "Each request gets an idempotency key, so retries cannot create duplicates.",
            "Limits are enforced per customer with a token bucket, refilled every second.",
            "Configuration is stored centrally and can be changed without a deployment.",
            "Health checks drive automatic failover to a second region within two minutes."},
          {"Alternatives considered",
            "Scaling the database vertically would be simpler, but only postpones the problem.",
            "A managed service would reduce operational work but costs about {pct} percent more at our volume.",
            "Caching responses helps read traffic only, which is less than half of the load."},
          {"Risks and mitigations",
            "The queue adds latency; we expect about {number_small} milliseconds at the 95th percentile.",
            "Misconfigured limits could block legitimate customers, so we will start in observe-only mode.",
            "Failover itself can fail; we will test it monthly in a game day exercise."},
          {"Rollout",
            "The change will be rolled out in waves, starting with internal customers.",
            "We will {action} before each wave.",
            "Success means {metric} stays within target while peak load doubles."},
        }),
    new DocKind(
        "travel guide",
        new String[] {"A weekend in {city}", "{city} on a budget", "{city} for first-time visitors"},
        new String[][] {
          {"Overview",
            "{city} rewards visitors who take their time: its best corners are away from the main squares.",
            "The city is compact enough to explore on foot, with good public transport for longer distances.",
            "Spring and early autumn are the most pleasant seasons; summer can be crowded and hot."},
          {"Getting around",
            "A day pass for public transport costs less than two single taxi rides.",
            "Bicycles can be rented at stations across the center.",
            "Taxis are easy to find, but agree on the fare or make sure the meter is running.",
            "Walking is the best way to see the old neighborhoods."},
          {"Where to eat",
            "Markets are the best places for a cheap and authentic lunch.",
            "Many restaurants offer a fixed lunch menu on weekdays.",
            "Dinner starts late by some standards; book ahead on weekends.",
            "Try the local specialties at small family-run places rather than on the main avenues."},
          {"What to see",
            "The old town is the obvious starting point, best visited early in the morning.",
            "The riverside walk connects several museums and parks.",
            "A short trip out of town leads to viewpoints with fewer tourists.",
            "Several museums are free on the first {weekday} of the month."},
          {"Practical tips",
            "Carry some cash, as small shops may not accept cards.",
            "Tap water is safe to drink.",
            "Pickpocketing happens in crowded areas, so keep valuables close.",
            "Learn a few words of the local language; people appreciate the effort."},
        }),
  };

  String documents() {
    StringBuilder out = new StringBuilder();
    for (int i = 1; i <= DOCUMENTS; i++) {
      DocKind kind = DOC_KINDS[(i - 1) % DOC_KINDS.length];
      // Target lengths spread geometrically from ~250 to ~4,000 words (398 to 5,440 o200k_base tokens as generated).
      double position = ((i * 37) % DOCUMENTS) / (double) (DOCUMENTS - 1);
      int targetWords = (int) Math.round(250 * Math.pow(16, position));
      startPart();
      String title = fill(pick(kind.titles()), DOC_SLOTS);
      String text = documentText(kind, title, targetWords);
      out.append("{\"id\":").append(json(String.format("doc-%03d", i)));
      out.append(",\"kind\":").append(json(kind.name()));
      out.append(",\"title\":").append(json(title));
      out.append(",\"text\":").append(json(text));
      out.append("}\n");
    }
    return out.toString();
  }

  /**
   * Writes one part (every section of the kind, each a paragraph of shuffled sentences) after
   * another until the target length; long documents thus read as a compilation of related reports.
   */
  private String documentText(DocKind kind, String title, int targetWords) {
    List<String> parts = new ArrayList<>();
    int words = 0;
    while (words < targetWords) {
      if (!parts.isEmpty()) {
        startPart();
      }
      String partTitle = parts.isEmpty() ? title : fill(pick(kind.titles()), DOC_SLOTS);
      StringBuilder part = new StringBuilder();
      for (String[] section : kind.sections()) {
        String heading = section[0];
        if (!heading.isEmpty()) {
          part.append(part.length() == 0 ? "" : "\n\n").append("## ").append(heading);
        }
        List<String> sentences = new ArrayList<>(List.of(section).subList(1, section.length));
        int count = Math.max(2, sentences.size() - random.nextInt(3));
        StringBuilder paragraph = new StringBuilder();
        boolean chronological = heading.equals("Timeline");
        for (int s = 0; s < count && !sentences.isEmpty(); s++) {
          int index = chronological ? 0 : random.nextInt(sentences.size());
          String sentence = fill(sentences.remove(index), DOC_SLOTS);
          paragraph.append(s == 0 ? "" : " ").append(sentence);
          words += sentence.split(" ").length;
        }
        part.append(part.length() == 0 ? "" : "\n\n").append(paragraph);
      }
      parts.add("# " + (parts.isEmpty() ? "" : "Part " + (parts.size() + 1) + ": ") + partTitle + "\n\n" + part);
    }
    return String.join("\n\n", parts);
  }

  private void startPart() {
    bound.clear();
    clock = random.nextInt(20 * 60);
  }

  // ---------------------------------------------------------------- helpers

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  /** Replaces each {slot} with a random value of that slot, or a generated number/time for the special slots. */
  private String fill(String template, String[][] slots) {
    Matcher m = SLOT.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(slotValue(m.group(1), slots)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String slotValue(String name, String[][] slots) {
    switch (name) {
      case "time":
        clock += 2 + random.nextInt(20);
        return String.format("%02d:%02d UTC", clock / 60 % 24, clock % 60);
      case "minutes":
        return Integer.toString(10 + random.nextInt(170));
      case "number_day":
        return Integer.toString(1 + random.nextInt(28));
      case "number_small":
        return Integer.toString(5 + random.nextInt(45));
      case "pct_margin":
        return Integer.toString(35 + random.nextInt(30));
      case "pct2":
        return Integer.toString(10 + random.nextInt(20));
      case "product", "company", "city", "cause":
        return slots == DOC_SLOTS
            ? bound.computeIfAbsent(name, n -> anyValue(n, slots))
            : anyValue(name, slots);
      default:
        return anyValue(name, slots);
    }
  }

  private String anyValue(String name, String[][] slots) {
    for (String[] slot : slots) {
      if (slot[0].equals(name)) {
        return slot[1 + random.nextInt(slot.length - 1)];
      }
    }
    throw new IllegalArgumentException("no values for slot {" + name + "}");
  }

  /** A JSON string literal. */
  static String json(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
