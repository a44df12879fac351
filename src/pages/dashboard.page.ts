/**
 * The admin dashboard's shell: it asks the server for its content with the admin's token (a
 * browser cannot send an Authorization header on a plain navigation), taken from the
 * playground's header editor or, under `npm start`, the admin demo user's.
 */
export function dashboardPage(options: { readonly authorization?: string | undefined }): string {
  const fallback = JSON.stringify(options.authorization ?? '').replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>recgate dashboard</title>
<style>body{font:15px/1.45 system-ui,sans-serif;margin:0}#status{max-width:980px;margin:2rem auto;padding:0 1rem;color:#5b6675}</style>
</head><body><p id="status">Loading the strategy report and the experiments…</p><div id="dashboard"></div>
<script>
  const fallback = ${fallback};
  let authorization = fallback;
  try { authorization = JSON.parse(localStorage.getItem('recgate:dashboard-authorization') || 'null') || fallback; } catch {}
  fetch('/dashboard/content', { headers: authorization ? { authorization } : {} }).then(async (response) => {
    const status = document.getElementById('status');
    if (response.status === 401) { status.textContent = 'Sign in: an admin access token is needed (put it in localStorage "recgate:dashboard-authorization", or use npm start).'; return; }
    if (response.status === 403) { status.textContent = 'This dashboard is for admins (Cognito group "admin").'; return; }
    if (!response.ok) { status.textContent = 'The dashboard could not be built (HTTP ' + response.status + ').'; return; }
    status.remove();
    document.getElementById('dashboard').innerHTML = await response.text();
  });
</script></body></html>
`;
}
