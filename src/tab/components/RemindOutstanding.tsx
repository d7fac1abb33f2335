import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  makeStyles,
  ProgressBar,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { ReminderProgress } from "../../http/tabApiContract";
import type { DashboardApi } from "../api";
import { formatCount } from "../format";

/*
 * "Remind outstanding": one confirmed click queues a reminder to everyone who has not
 * acknowledged; the outbox delivers them at Teams' pace and this shows how far it has got.
 */

const POLL_MS = 1000;

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    alignItems: "flex-start",
    maxWidth: "520px",
  },
  progress: {
    alignSelf: "stretch",
    // Fluent's bar is a background colour, which high contrast removes: draw it in Highlight.
    "@media (forced-colors: active)": {
      "& .fui-ProgressBar": { outline: "1px solid CanvasText" },
      "& .fui-ProgressBar__bar": { forcedColorAdjust: "none", backgroundColor: "Highlight" },
    },
  },
});

export interface RemindOutstandingProps {
  readonly api: DashboardApi;
  readonly version: string;
  /** How many a reminder reaches: outstanding and overdue (not those who could not be reached). */
  readonly remindable: number;
  /** Called when the reminders have all been delivered or given up on. */
  readonly onProgress: () => void;
}

/** Every count honest: who got it, who could not be reached and why, and what fixes it. */
function doneMessage(
  progress: ReminderProgress,
  campaign: { notReminded: number; notRemindedWhy: string },
): string {
  const unreached = progress.undeliverable + progress.failed;
  const parts = [
    `Done: ${formatCount(progress.delivered)} delivered, ${formatCount(unreached)} could not be reached${unreached ? ` (${progress.unreachable.why})` : ""}.`,
  ];
  if (campaign.notReminded > 0) {
    parts.push(
      `${formatCount(campaign.notReminded)} more could not be reached before, so were not sent one (${campaign.notRemindedWhy}).`,
    );
  }
  if (unreached + campaign.notReminded > 0) parts.push(progress.unreachable.fix);
  return parts.join(" ");
}

export function RemindOutstanding({
  api,
  version,
  remindable,
  onProgress,
}: RemindOutstandingProps) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const [campaign, setCampaign] = useState<
    { id: string; recipients: number; notReminded: number; notRemindedWhy: string } | undefined
  >();
  const [progress, setProgress] = useState<ReminderProgress | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [sending, setSending] = useState(false);

  // A different version is a different campaign.
  useEffect(() => {
    setCampaign(undefined);
    setProgress(undefined);
    setError(undefined);
  }, [version]);

  useEffect(() => {
    if (!campaign) return undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const p = await api.reminderProgress(campaign.id);
        if (stopped) return;
        setProgress(p);
        // Figures and notification times change once the campaign has run its course.
        if (p.done) onProgress();
        else timer = setTimeout(() => void poll(), POLL_MS);
      } catch (e) {
        if (!stopped) setError((e as Error).message);
      }
    };
    void poll();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
    // onProgress is the parent's callback: polling restarts only for a new campaign.
  }, [api, campaign]);

  async function send() {
    setOpen(false);
    setSending(true);
    setError(undefined);
    try {
      const started = await api.remindOutstanding(version);
      setProgress(undefined);
      setCampaign({
        id: started.campaign,
        recipients: started.recipients,
        notReminded: started.notReminded,
        notRemindedWhy: started.notRemindedWhy,
      });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSending(false);
    }
  }

  const settled = progress ? progress.delivered + progress.undeliverable + progress.failed : 0;
  const all = progress ? settled + progress.pending : 0;

  return (
    <div className={styles.root}>
      <Dialog open={open} onOpenChange={(_e, d) => setOpen(d.open)}>
        <DialogTrigger disableButtonEnhancement>
          <Button
            appearance="primary"
            disabled={sending || remindable === 0 || Boolean(progress && !progress.done)}
          >
            Remind outstanding
          </Button>
        </DialogTrigger>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Send a reminder?</DialogTitle>
            <DialogContent>
              {formatCount(remindable)} {remindable === 1 ? "person has" : "people have"} not
              acknowledged this version yet. Each will get a reminder in Teams with a button to
              acknowledge it.
            </DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button appearance="secondary">Cancel</Button>
              </DialogTrigger>
              <Button appearance="primary" onClick={() => void send()}>
                Send reminders
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      {campaign && campaign.recipients === 0 ? (
        <Text role="status">
          No new reminders were queued: everyone outstanding was reminded a moment ago.
        </Text>
      ) : null}
      {campaign && progress && all > 0 ? (
        <Field
          label="Reminders"
          className={styles.progress}
          validationState={
            !progress.done ? "none" : progress.delivered === 0 && all > 0 ? "warning" : "success"
          }
          validationMessage={
            progress.done
              ? doneMessage(progress, campaign)
              : `Sending… ${formatCount(settled)} of ${formatCount(all)}`
          }
        >
          <ProgressBar
            value={all === 0 ? 0 : settled / all}
            max={1}
            aria-label="Reminders sent"
            data-testid="reminder-progress"
          />
        </Field>
      ) : null}
      {error ? (
        <Text role="alert" style={{ color: tokens.colorPaletteRedForeground1 }}>
          {error}
        </Text>
      ) : null}
    </div>
  );
}
