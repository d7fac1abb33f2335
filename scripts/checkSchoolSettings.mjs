// First step of `atk provision --env dev` (m365agents.yml): stops before anything is created when
// a setting only the school can give is still empty, and says where to find it. The toolkit would
// otherwise refuse the empty ${{VAR}} later, at the Azure deployment, with less to go on.
// It reads process.env, where the toolkit has loaded env/.env.<name> and env/.env.<name>.user.

import { pathToFileURL } from "node:url";

/** What the school enters in env/.env.<name> before provisioning (README: "Deploy to your school's tenant"). */
export const SCHOOL_SETTINGS = {
  SHAREPOINT_SITE_ID:
    "the policy site's Graph id, from GET https://graph.microsoft.com/v1.0/sites/<tenant>.sharepoint.com:/sites/<path>?$select=id",
  ENTRA_STAFF_GROUP_ID: "the object id of the Entra group whose members are the staff roster",
  ENTRA_ROLE_GROUPS:
    "role=groupObjectId pairs, comma-separated, e.g. headteacher=<id>,aht-digital=<id>,governor=<id>",
};

export function missingSchoolSettings(env) {
  return Object.keys(SCHOOL_SETTINGS).filter((name) => !env[name]?.trim());
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const missing = missingSchoolSettings(process.env);
  const file = `env/.env.${process.env.TEAMSFX_ENV ?? "<name>"}`;
  if (missing.length > 0) {
    console.error(`Fill these in in ${file}, then provision again:`);
    for (const name of missing) console.error(`  ${name}: ${SCHOOL_SETTINGS[name]}`);
    process.exit(1);
  }
  console.log(`School settings found in ${file}.`);
}
