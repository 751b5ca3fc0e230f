/**
 * A modal holding one form: OK submits the form (spinning while it is saved), Cancel closes the modal. The form is
 * laid out vertically and forgets its values when the modal closes.
 */
import { Form, type FormInstance, type FormProps, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider.tsx';

interface FormModalProps<Values> {
  form: FormInstance<Values>;
  title: ReactNode;
  okText: string;
  /** The OK button's test id. */
  okTestId: string;
  /** A destructive OK (a red button). */
  danger?: boolean;
  /** The form is being saved. */
  saving: boolean;
  /** The modal's width (antd's 520 when not given). */
  width?: number;
  onClose: () => void;
  /** The form's values, once its rules hold. */
  onFinish: (values: Values) => void;
  initialValues?: FormProps<Values>['initialValues'];
  /** The form's test id. */
  testId?: string;
  children: ReactNode;
}

/** An open modal whose OK submits its form. */
export function FormModal<Values>({
  form,
  title,
  okText,
  okTestId,
  danger,
  saving,
  width,
  onClose,
  onFinish,
  initialValues,
  testId,
  children,
}: FormModalProps<Values>) {
  const t = useT();
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      okText={okText}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': okTestId, danger }}
      destroyOnHidden
      width={width}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={initialValues}
        onFinish={onFinish}
        data-testid={testId}
      >
        {children}
      </Form>
    </Modal>
  );
}
