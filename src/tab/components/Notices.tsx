import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  Title2,
  tokens,
} from "@fluentui/react-components";

/** What the tab says instead of the dashboard: local sign-in, no access, no sign-in. */

const useStyles = makeStyles({
  page: {
    maxWidth: "640px",
    margin: "48px auto",
    padding: tokens.spacingHorizontalXXL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    "& p": { margin: 0 },
  },
});

export function LocalBanner({
  displayName,
  roleTitles,
}: {
  displayName: string;
  roleTitles: readonly string[];
}) {
  return (
    <MessageBar intent="warning" data-testid="local-banner">
      <MessageBarBody>
        <MessageBarTitle>Local development</MessageBarTitle>
        Signed in as {displayName} ({roleTitles.join(", ")}) by the address bar, without Microsoft
        sign-in. This only works when no Entra app is configured and the server listens on this
        computer alone.
      </MessageBarBody>
    </MessageBar>
  );
}

export function ForbiddenPage({ message }: { message: string }) {
  const styles = useStyles();
  return (
    <main className={styles.page} data-testid="forbidden">
      <Title2 as="h1">This dashboard is not available to you</Title2>
      <Text as="p">{message}</Text>
      <Text as="p">
        The acknowledgements dashboard is for the Headteacher and the Assistant Headteacher for
        Digital Technology and Innovation; the Chair of Governors sees the overall figures. You can
        still read the policy and acknowledge it in the app&apos;s chat.
      </Text>
    </main>
  );
}

export function SignInProblem({ message }: { message: string }) {
  const styles = useStyles();
  return (
    <main className={styles.page} data-testid="sign-in-problem">
      <Title2 as="h1">Please sign in</Title2>
      <Text as="p">{message}</Text>
    </main>
  );
}

export function ProblemPage({ title, message }: { title: string; message: string }) {
  const styles = useStyles();
  return (
    <main className={styles.page}>
      <Title2 as="h1">{title}</Title2>
      <Text as="p" role="alert">
        {message}
      </Text>
    </main>
  );
}
