'use client';

import { useId } from 'react';
import { useCallActions } from '@/client/useCallActions';
import type { DeviceOption } from '@/stores/callStore';
import { useCallStore } from '@/stores/callStore';

function DeviceSelect({
  label,
  kindName,
  devices,
  value,
  onChange,
}: {
  label: string;
  kindName: string;
  devices: DeviceOption[];
  value: string | null;
  onChange: (deviceId: string) => void;
}) {
  const id = useId();
  const known = value !== null && devices.some((d) => d.deviceId === value);
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-zinc-300">
        {label}
      </label>
      <select
        id={id}
        value={known ? value : ''}
        disabled={devices.length === 0}
        onChange={(e) => onChange(e.target.value)}
        className="h-10 w-full min-w-0 truncate rounded-lg border border-zinc-700 bg-zinc-900 px-3 text-sm text-zinc-100 disabled:opacity-60"
      >
        {devices.length === 0 && <option value="">No {kindName} found</option>}
        {devices.length > 0 && !known && (
          <option value="" disabled>
            Choose a {kindName}
          </option>
        )}
        {devices.map((d, i) => (
          <option key={d.deviceId || i} value={d.deviceId}>
            {d.label || `${label} ${i + 1}`}
          </option>
        ))}
      </select>
    </div>
  );
}

/** "Camera" and "Microphone" pickers, shared by the pre-join screen and in-call settings. */
export function DeviceSelects({ className = '' }: { className?: string }) {
  const cams = useCallStore((s) => s.local.cams);
  const mics = useCallStore((s) => s.local.mics);
  const camId = useCallStore((s) => s.local.camId);
  const micId = useCallStore((s) => s.local.micId);
  const actions = useCallActions();
  return (
    <div className={`grid gap-3 ${className}`}>
      <DeviceSelect
        label="Camera"
        kindName="camera"
        devices={cams}
        value={camId}
        onChange={(id) => void actions.selectCam(id)}
      />
      <DeviceSelect
        label="Microphone"
        kindName="microphone"
        devices={mics}
        value={micId}
        onChange={(id) => void actions.selectMic(id)}
      />
    </div>
  );
}
