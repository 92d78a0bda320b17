// The installation's city, districts and streets (GET /api/districts), loaded once: the platform
// name in the header, district filters and the district/street widgets all read them.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from '../api/client';
import type { District } from '../api/model';

interface Districts {
  all: District[];
  city: District | undefined;
  districts: District[];
  streetsOf(district: string | undefined): District[];
  name(code: string | null | undefined): string;
  loaded: boolean;
}

const DistrictsContext = createContext<Districts | null>(null);

export function DistrictsProvider({ children }: { children: ReactNode }) {
  const [all, setAll] = useState<District[]>([]);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    api.get<{ items: District[] }>('/api/districts').then((r) => setAll(r.items), () => setAll([])).finally(() => setLoaded(true));
  }, []);
  const value = useMemo<Districts>(() => {
    const byCode = new Map(all.map((d) => [d.code, d]));
    return {
      all,
      loaded,
      city: all.find((d) => d.level === 'city'),
      districts: all.filter((d) => d.level === 'district'),
      streetsOf: (district) => (district ? all.filter((d) => d.level === 'street' && d.parentCode === district) : []),
      name: (code) => (code ? byCode.get(code)?.name ?? code : ''),
    };
  }, [all, loaded]);
  return <DistrictsContext.Provider value={value}>{children}</DistrictsContext.Provider>;
}

export function useDistricts(): Districts {
  const d = useContext(DistrictsContext);
  if (!d) throw new Error('DistrictsProvider missing');
  return d;
}

/** 「佛山市物业管理公众服务平台」: the platform name carries the installation's city. */
export function usePlatformName(): string {
  const { city } = useDistricts();
  return `${city?.name ?? ''}物业管理公众服务平台`;
}
