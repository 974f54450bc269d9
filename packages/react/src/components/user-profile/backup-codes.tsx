/** Backup codes shown once, to copy (clipboard) or download (a text file made from a Blob). */
import { useState } from 'react';
import { useLocalization } from '../../context.ts';
import { Status } from '../../ui/card.tsx';

export function BackupCodes({ codes, applicationName }: { codes: string[]; applicationName: string }) {
  const l = useLocalization();
  const [copied, setCopied] = useState(false);
  const text = `${applicationName} backup codes\n\n${codes.join('\n')}\n`;
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${applicationName.replace(/[^\w.-]+/g, '_')}_backup_codes.txt`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div className="gh-backup-codes">
      <p>{l.mfa.backupCodesHint}</p>
      <ul className="gh-list gh-backup-code-list" aria-label={l.mfa.backupCodesTitle}>
        {codes.map((c) => (
          <li key={c} className="gh-list-item">
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="gh-link"
        onClick={() => void navigator.clipboard?.writeText(text).then(() => setCopied(true))}
      >
        {l.mfa.copyCodes}
      </button>{' '}
      <button type="button" className="gh-link" onClick={download}>
        {l.mfa.downloadCodes}
      </button>
      <Status message={copied ? l.mfa.copied : null} />
    </div>
  );
}
