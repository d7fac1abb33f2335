import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from "botbuilder";
import restify from "restify";

/*
 * The baseline for `npm run bench`: a bare botbuilder + restify bot that echoes each message
 * and answers each card action with a one-line card. Same framework, same HTTP stack, no policy.
 */
class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo: ${context.activity.text}`);
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke() {
    return {
      statusCode: 200,
      type: "application/vnd.microsoft.card.adaptive",
      value: {
        type: "AdaptiveCard",
        version: "1.5",
        body: [{ type: "TextBlock", text: "Done" }],
      } as never,
    };
  }
}

export async function startEchoBot(port: number): Promise<restify.Server> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new EchoBot();
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser());
  server.post("/api/messages", async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return server;
}

if (require.main === module) {
  void startEchoBot(Number(process.env.PORT ?? 3999)).then(() => console.log("echo bot ready"));
}
